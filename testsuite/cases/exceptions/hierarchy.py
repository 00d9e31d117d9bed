import builtins
names = ["BaseException", "BaseExceptionGroup", "GeneratorExit", "KeyboardInterrupt", "SystemExit", "Exception",
         "ArithmeticError", "FloatingPointError", "OverflowError", "ZeroDivisionError", "AssertionError", "AttributeError",
         "BufferError", "EOFError", "ExceptionGroup", "ImportError", "ModuleNotFoundError", "LookupError", "IndexError",
         "KeyError", "MemoryError", "NameError", "UnboundLocalError", "OSError", "BlockingIOError", "ChildProcessError",
         "ConnectionError", "BrokenPipeError", "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError",
         "FileExistsError", "FileNotFoundError", "InterruptedError", "IsADirectoryError", "NotADirectoryError",
         "PermissionError", "ProcessLookupError", "TimeoutError", "ReferenceError", "RuntimeError", "NotImplementedError",
         "PythonFinalizationError", "RecursionError", "StopAsyncIteration", "StopIteration", "SyntaxError",
         "IndentationError", "TabError", "SystemError", "TypeError", "ValueError", "UnicodeError", "UnicodeDecodeError",
         "UnicodeEncodeError", "UnicodeTranslateError", "Warning", "BytesWarning", "DeprecationWarning", "EncodingWarning",
         "FutureWarning", "ImportWarning", "PendingDeprecationWarning", "ResourceWarning", "RuntimeWarning", "SyntaxWarning",
         "UnicodeWarning", "UserWarning"]
classes = [getattr(builtins, n) for n in names]
for c in classes:
    direct = c.__bases__
    print(c.__name__, [b.__name__ for b in direct])
print(issubclass(ExceptionGroup, Exception), issubclass(ExceptionGroup, BaseExceptionGroup), issubclass(KeyboardInterrupt, Exception))
print(EnvironmentError is OSError, IOError is OSError)
