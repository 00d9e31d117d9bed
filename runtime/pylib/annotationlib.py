"""annotationlib: introspection of PEP 649/749 deferred annotations.

`get_annotations()` and `call_annotate_function()` support the four formats. The
compiler's `__annotate__` functions only evaluate `VALUE` (and `VALUE_WITH_FAKE_GLOBALS`),
so the `FORWARDREF` and `STRING` formats run the annotate function's code again as a
new function whose globals (and closure cells) hold "stringifiers": objects that record
every operation applied to them as source text. As a deliberate simplification of
CPython's `_StringifierDict` (a dict subclass answering every missing name), the fake
globals are a plain dict filled for each name the code object uses (`co_names`).
"""

import builtins as _builtins
import enum
import keyword
import sys
import types

__all__ = [
    "Format",
    "ForwardRef",
    "call_annotate_function",
    "call_evaluate_function",
    "get_annotate_from_class_namespace",
    "get_annotations",
    "annotations_to_string",
    "type_repr",
]


class Format(enum.IntEnum):
    VALUE = 1
    VALUE_WITH_FAKE_GLOBALS = 2
    FORWARDREF = 3
    STRING = 4


_sentinel = object()


class ForwardRef:
    """A forward reference to a name or expression not yet evaluable.

    Unlike CPython's, instances keep their attributes in a `__dict__` (no `__slots__`),
    the layout stringifiers have, so that `FORWARDREF` evaluation can turn every
    stringifier into a `ForwardRef` by assigning `__class__`.
    """

    def __init__(self, arg, *, module=None, owner=None, is_argument=True, is_class=False):
        if not isinstance(arg, str):
            raise TypeError(f"Forward reference must be a string -- got {arg!r}")
        self.__forward_arg__ = arg
        self.__forward_module__ = module
        self.__forward_is_argument__ = is_argument
        self.__forward_is_class__ = is_class
        self.__owner__ = owner
        self.__globals__ = None
        self.__cell__ = None
        self.__extra_names__ = None
        self.__code__ = None

    def __init_subclass__(cls, /, *args, **kwds):
        raise TypeError("Cannot subclass ForwardRef")

    def evaluate(self, *, globals=None, locals=None, type_params=None, owner=None, format=Format.VALUE):
        """Evaluates the reference; `FORWARDREF` returns it unchanged when a name is still
        undefined, `STRING` returns its text."""
        if format == Format.STRING:
            return self.__forward_arg__
        if format not in (Format.VALUE, Format.FORWARDREF):
            raise NotImplementedError(format)
        if self.__cell__ is not None:
            try:
                return self.__cell__.cell_contents
            except ValueError:
                pass
        if owner is None:
            owner = self.__owner__
        if globals is None and self.__forward_module__ is not None:
            module = sys.modules.get(self.__forward_module__)
            globals = getattr(module, "__dict__", None)
        if globals is None:
            globals = self.__globals__
        if globals is None and owner is not None:
            if isinstance(owner, type):
                module = sys.modules.get(getattr(owner, "__module__", None))
                globals = getattr(module, "__dict__", None)
            else:
                globals = getattr(owner, "__globals__", None)
        if globals is None:
            globals = {}
        if locals is None:
            locals = {}
            if isinstance(owner, type):
                locals.update(vars(owner))
        if type_params is None and owner is not None:
            type_params = getattr(owner, "__type_params__", None)
        if type_params or self.__extra_names__:
            locals = dict(locals)
            for param in type_params or ():
                locals.setdefault(param.__name__, param)
            if self.__extra_names__:
                locals.update(self.__extra_names__)
        arg = self.__forward_arg__
        if arg.isidentifier() and not keyword.iskeyword(arg):
            if arg in locals:
                return locals[arg]
            if arg in globals:
                return globals[arg]
            if hasattr(_builtins, arg):
                return getattr(_builtins, arg)
            if format == Format.FORWARDREF:
                return self
            raise NameError(f"name '{arg}' is not defined", name=arg)
        try:
            return eval(arg, globals, locals)
        except NameError:
            if format == Format.FORWARDREF:
                return self
            raise

    def __eq__(self, other):
        if not isinstance(other, ForwardRef):
            return NotImplemented
        return (
            self.__forward_arg__ == other.__forward_arg__
            and self.__forward_module__ == other.__forward_module__
            and self.__forward_is_class__ == other.__forward_is_class__
            and self.__owner__ is other.__owner__
        )

    def __hash__(self):
        return hash((self.__forward_arg__, self.__forward_module__, self.__forward_is_class__, id(self.__owner__)))

    def __or__(self, other):
        return _stringify_union(self, other)

    def __ror__(self, other):
        return _stringify_union(other, self)

    def __repr__(self):
        extra = []
        if self.__forward_module__ is not None:
            extra.append(f", module={self.__forward_module__!r}")
        if self.__forward_is_class__:
            extra.append(", is_class=True")
        if self.__owner__ is not None:
            extra.append(f", owner={self.__owner__!r}")
        return f"ForwardRef({self.__forward_arg__!r}{''.join(extra)})"


def _stringify_union(left, right):
    import typing
    return typing.Union[left, right]


# ---- stringifiers ------------------------------------------------------------------------

# Binding strength of an expression's outermost operator, after the grammar's precedence
# table (higher binds tighter); operands that bind less tightly are parenthesized.
_ATOM = 100
_PREC = {
    "**": 14, "unary": 13, "*": 12, "@": 12, "/": 12, "//": 12, "%": 12, "+": 11, "-": 11,
    "<<": 10, ">>": 10, "&": 9, "^": 8, "|": 7, "cmp": 6,
}
_CONSTANT_TYPES = (type(None), bool, int, float, complex, str, bytes, type(...))


class _Names:
    """Real values met while stringifying, stored under generated names, and every
    stringifier created (for `FORWARDREF`, which turns them into `ForwardRef`s)."""

    def __init__(self):
        self.values = {}
        self.created = []

    def add(self, value):
        name = f"__annotationlib_name_{len(self.values) + 1}__"
        self.values[name] = value
        return name


class _Stringifier:
    """Records the operations applied to it as the source text of the expression."""

    def __init__(self, text, names, prec=_ATOM, cell=None):
        object.__setattr__(self, "_text", text)
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_prec", prec)
        names.created.append(self)

    def _operand(self, value, prec):
        if isinstance(value, _Stringifier):
            text, own = value._text, value._prec
        else:
            text, own = _value_text(value, self._names), _ATOM
        return f"({text})" if own < prec else text

    def _new(self, text, prec=_ATOM):
        return _Stringifier(text, self._names, prec)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return self._new(f"{self._operand(self, _ATOM)}.{name}")

    def __setattr__(self, name, value):
        raise AttributeError("cannot set attributes of an annotation expression")

    def __getitem__(self, key):
        if isinstance(key, tuple) and key:
            inner = ", ".join(self._operand(k, 0) for k in key)
        else:
            inner = self._operand(key, 0)
        return self._new(f"{self._operand(self, _ATOM)}[{inner}]")

    def __call__(self, *args, **kwargs):
        parts = [self._operand(a, 0) for a in args]
        parts += [f"{k}={self._operand(v, 0)}" for k, v in kwargs.items()]
        return self._new(f"{self._operand(self, _ATOM)}({', '.join(parts)})")

    def __iter__(self):
        yield self._new(f"*{self._operand(self, _PREC['unary'])}")

    def __repr__(self):
        return self._text

    __str__ = __repr__

    def __hash__(self):
        return hash(self._text)

    def __bool__(self):
        return True


def _binop(symbol):
    prec = _PREC[symbol]

    def forward(self, other):
        right_prec = prec + 1 if symbol != "**" else prec
        left_prec = prec if symbol != "**" else prec + 1
        return self._new(f"{self._operand(self, left_prec)} {symbol} {self._operand(other, right_prec)}", prec)

    def reflected(self, other):
        right_prec = prec + 1 if symbol != "**" else prec
        left_prec = prec if symbol != "**" else prec + 1
        return self._new(f"{self._operand(other, left_prec)} {symbol} {self._operand(self, right_prec)}", prec)

    return forward, reflected


for _name, _symbol in [
    ("add", "+"), ("sub", "-"), ("mul", "*"), ("matmul", "@"), ("truediv", "/"),
    ("floordiv", "//"), ("mod", "%"), ("pow", "**"), ("lshift", "<<"), ("rshift", ">>"),
    ("and", "&"), ("xor", "^"), ("or", "|"),
]:
    _forward, _reflected = _binop(_symbol)
    setattr(_Stringifier, f"__{_name}__", _forward)
    setattr(_Stringifier, f"__r{_name}__", _reflected)


def _compare(symbol):
    def compare(self, other):
        prec = _PREC["cmp"]
        return self._new(f"{self._operand(self, prec + 1)} {symbol} {self._operand(other, prec + 1)}", prec)
    return compare


for _name, _symbol in [("eq", "=="), ("ne", "!="), ("lt", "<"), ("le", "<="), ("gt", ">"), ("ge", ">=")]:
    setattr(_Stringifier, f"__{_name}__", _compare(_symbol))


def _unary(symbol):
    def unary(self):
        return self._new(f"{symbol}{self._operand(self, _PREC['unary'])}", _PREC["unary"])
    return unary


for _name, _symbol in [("neg", "-"), ("pos", "+"), ("invert", "~")]:
    setattr(_Stringifier, f"__{_name}__", _unary(_symbol))
del _name, _symbol, _forward, _reflected


def _value_text(value, names):
    """The source text standing for a real value inside a stringified expression."""
    if isinstance(value, _Stringifier):
        return value._text
    if type(value) is slice:
        parts = ["" if p is None else _value_text(p, names) for p in (value.start, value.stop)]
        if value.step is not None:
            parts.append(_value_text(value.step, names))
        return ":".join(parts)
    if type(value) in _CONSTANT_TYPES:
        return "..." if value is ... else repr(value)
    if type(value) is tuple:
        items = [_value_text(v, names) for v in value]
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    if type(value) is list:
        return "[" + ", ".join(_value_text(v, names) for v in value) + "]"
    return names.add(value)


def _stringify_single(value):
    if isinstance(value, _Stringifier):
        return value._text
    if isinstance(value, str):
        return value
    return type_repr(value)


def _convert_to_forwardrefs(names, globals, owner, is_class):
    """Turns every stringifier of one `FORWARDREF` evaluation into a `ForwardRef` in
    place, so that those nested in real objects (`list[Undefined]`) change too."""
    extra = dict(names.values)
    for stringifier in names.created:
        text = stringifier._text
        for attr in ("_text", "_names", "_prec"):
            object.__delattr__(stringifier, attr)
        object.__setattr__(stringifier, "__class__", ForwardRef)
        ForwardRef.__init__(stringifier, text, owner=owner, is_class=is_class)
        stringifier.__globals__ = globals
        if extra:
            stringifier.__extra_names__ = extra


def _fake_function(annotate, format, owner, names):
    """`annotate`'s code as a new function over stringifier globals and closure cells
    (stringifiers recorded in `names`)."""
    code = annotate.__code__
    real_globals = getattr(annotate, "__globals__", {})
    fake_globals = {}
    for name in code.co_names:
        if format == Format.FORWARDREF:
            if name in real_globals:
                fake_globals[name] = real_globals[name]
                continue
            if hasattr(_builtins, name):
                fake_globals[name] = getattr(_builtins, name)
                continue
        fake_globals[name] = _Stringifier(name, names)
    fake_globals["__builtins__"] = {}
    closure = None
    if annotate.__closure__:
        cells = []
        for name, cell in zip(code.co_freevars, annotate.__closure__):
            if name == "__classdict__":
                # Names not in the class namespace fall through to the fake globals.
                if format == Format.FORWARDREF and isinstance(owner, type):
                    cells.append(types.CellType(dict(vars(owner))))
                else:
                    cells.append(types.CellType({}))
                continue
            if format == Format.FORWARDREF:
                try:
                    cell.cell_contents
                except ValueError:
                    pass
                else:
                    cells.append(cell)
                    continue
            cells.append(types.CellType(_Stringifier(name, names)))
        closure = tuple(cells)
    return types.FunctionType(
        code,
        fake_globals,
        closure=closure,
        argdefs=annotate.__defaults__,
        kwdefaults=annotate.__kwdefaults__,
    )


def call_annotate_function(annotate, format, *, owner=None, _is_evaluate=False):
    """Calls the `__annotate__` function `annotate` for `format`."""
    if format == Format.VALUE_WITH_FAKE_GLOBALS:
        raise ValueError("The VALUE_WITH_FAKE_GLOBALS format is for internal use only")
    try:
        return annotate(format)
    except NotImplementedError:
        pass
    if format == Format.STRING:
        func = _fake_function(annotate, format, owner, _Names())
        annos = func(Format.VALUE_WITH_FAKE_GLOBALS)
        if _is_evaluate:
            return _stringify_single(annos)
        return {key: _stringify_single(value) for key, value in annos.items()}
    if format == Format.FORWARDREF:
        try:
            return annotate(Format.VALUE)
        except Exception:
            pass
        names = _Names()
        func = _fake_function(annotate, format, owner, names)
        annos = func(Format.VALUE_WITH_FAKE_GLOBALS)
        _convert_to_forwardrefs(names, getattr(annotate, "__globals__", None), owner, isinstance(owner, type))
        return annos if _is_evaluate else dict(annos)
    if format == Format.VALUE:
        return annotate(Format.VALUE)
    raise ValueError(f"Invalid format: {format!r}")


def call_evaluate_function(evaluate, format, *, owner=None):
    """Calls an evaluate function (of a type alias or type parameter) for `format`."""
    return call_annotate_function(evaluate, format, owner=owner, _is_evaluate=True)


def get_annotate_from_class_namespace(obj):
    """The `__annotate__` function stored in a class namespace, or None."""
    try:
        return obj["__annotate__"]
    except KeyError:
        return obj.get("__annotate_func__", None)


def _get_annotate(obj):
    if isinstance(obj, type):
        annotate = obj.__dict__.get("__annotate__", None) or obj.__dict__.get("__annotate_func__", None)
        if annotate is not None:
            return annotate
    annotate = getattr(obj, "__annotate__", None)
    if annotate is not None and not callable(annotate):
        raise TypeError(f"{obj!r}.__annotate__ should be a callable, got {type(annotate).__name__}")
    return annotate


def _get_dunder_annotations(obj):
    if isinstance(obj, type):
        ann = obj.__dict__.get("__annotations__", None)
        if ann is None:
            try:
                ann = obj.__annotations__
            except AttributeError:
                return None
    else:
        ann = getattr(obj, "__annotations__", None)
    if ann is None:
        return None
    if not isinstance(ann, dict):
        raise ValueError(f"{obj!r}.__annotations__ is neither a dict nor None")
    return ann


def _get_and_call_annotate(obj, format):
    annotate = _get_annotate(obj)
    if annotate is None:
        return None
    ann = call_annotate_function(annotate, format, owner=obj)
    if not isinstance(ann, dict):
        raise ValueError(f"{obj!r}.__annotate__ returned a non-dict")
    return ann


def get_annotations(obj, *, globals=None, locals=None, eval_str=False, format=Format.VALUE):
    """The annotations dict of a class, module, or other callable, in `format`."""
    if eval_str and format != Format.VALUE:
        raise ValueError("eval_str=True is only supported with format=Format.VALUE")
    if format == Format.VALUE_WITH_FAKE_GLOBALS:
        raise ValueError("The VALUE_WITH_FAKE_GLOBALS format is for internal use only")
    if format == Format.STRING:
        ann = _get_and_call_annotate(obj, format)
        if ann is not None:
            return dict(ann)
        ann = _get_dunder_annotations(obj)
        if ann is not None:
            return annotations_to_string(ann)
    elif format == Format.FORWARDREF:
        try:
            ann = _get_dunder_annotations(obj)
        except Exception:
            pass
        else:
            if ann is not None:
                return dict(ann)
        ann = _get_and_call_annotate(obj, format)
        return {} if ann is None else dict(ann)
    elif format == Format.VALUE:
        ann = _get_dunder_annotations(obj)
        if ann is None:
            ann = _get_and_call_annotate(obj, format)
    else:
        raise ValueError(f"Unsupported format {format!r}")
    if ann is None:
        if isinstance(obj, type) or callable(obj) or isinstance(obj, types.ModuleType):
            return {}
        raise TypeError(f"{obj!r} does not have annotations")
    if not ann:
        return {}
    if not eval_str:
        return dict(ann)
    if isinstance(obj, type):
        module = sys.modules.get(obj.__module__, None)
        obj_globals = getattr(module, "__dict__", None)
        obj_locals = dict(vars(obj))
        unwrap = obj
    elif isinstance(obj, types.ModuleType):
        obj_globals = getattr(obj, "__dict__", None)
        obj_locals = None
        unwrap = None
    else:
        obj_globals = getattr(obj, "__globals__", None)
        obj_locals = None
        unwrap = obj
    if unwrap is not None:
        while True:
            if hasattr(unwrap, "__wrapped__"):
                unwrap = unwrap.__wrapped__
                continue
            break
        if hasattr(unwrap, "__globals__"):
            obj_globals = unwrap.__globals__
    if globals is None:
        globals = obj_globals
    if locals is None:
        locals = obj_locals
    return {
        key: value if not isinstance(value, str) else eval(value, globals, locals)
        for key, value in ann.items()
    }


def type_repr(value):
    """The source-like text of `value` inside an annotation (`STRING` format)."""
    if isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType)):
        if value.__module__ == "builtins":
            return value.__qualname__
        return f"{value.__module__}.{value.__qualname__}"
    if value is ...:
        return "..."
    return repr(value)


def annotations_to_string(annotations):
    """`annotations` with each value converted to its `STRING`-format text."""
    return {n: t if isinstance(t, str) else type_repr(t) for n, t in annotations.items()}
