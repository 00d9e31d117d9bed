import warnings
warnings.warn("user warning here")
warnings.warn("deprecated thing", DeprecationWarning)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    warnings.warn("recorded", UserWarning)
    warnings.warn("again", RuntimeWarning)
print([(x.category.__name__, str(x.message)) for x in w])
warnings.simplefilter("error")
try:
    warnings.warn("now an error")
except UserWarning as e:
    print(type(e).__name__, e)
