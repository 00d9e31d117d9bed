import os.path as p
print(p.join("a", "b", "c.txt"), p.join("/abs", "x"), p.join("a", "/root", "b"), p.join("a", ""), p.join("", "b"))
print(p.basename("/x/y/z.tar.gz"), p.dirname("/x/y/z.tar.gz"), p.split("/x/y"), p.split("noslash"), p.basename("/x/y/"))
print(p.splitext("archive.tar.gz"), p.splitext(".bashrc"), p.splitext("noext"), p.splitext("a.b/c"))
print(p.isabs("/a"), p.isabs("a"), p.normpath("/a/./b/../c//d"), p.normpath(""), p.abspath("/x/../y"))
print(p.exists("/"), p.isdir("/"), p.isfile("/"), p.exists("/definitely/not/here"), p.sep, p.extsep)
print(p.commonprefix(["/usr/lib", "/usr/local"]), p.commonpath(["/usr/lib", "/usr/local"]), p.relpath("/a/b/c", "/a"))
print(p.expanduser("~") != "~", p.splitdrive("/x"), p.isfile("path_functions.py"), p.abspath("x") == p.join(p.abspath("."), "x"))
