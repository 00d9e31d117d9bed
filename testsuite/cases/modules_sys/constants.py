import sys
print(sys.maxsize == 2 ** 63 - 1, sys.byteorder, sys.platform, sys.maxunicode, sys.getdefaultencoding())
print(sys.hash_info.width, sys.hash_info.modulus == 2 ** 61 - 1, sys.hash_info.inf, sys.hash_info.nan)
print("sys" in sys.builtin_module_names, "builtins" in sys.modules, "sys" in sys.modules, sys.modules["sys"] is sys)
print(type(sys.stdout).__name__ in ("TextIOWrapper",), sys.stdin is not None, sys.getfilesystemencoding())
