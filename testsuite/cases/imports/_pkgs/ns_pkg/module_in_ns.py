VALUE = "namespace package module"
