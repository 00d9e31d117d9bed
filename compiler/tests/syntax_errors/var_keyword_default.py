def foo(a,**b=3): pass
