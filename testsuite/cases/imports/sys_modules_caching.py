import sys, os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "_pkgs"))
import counter_mod
counter_mod.count += 1
import counter_mod as again
print(again.count, again is counter_mod, sys.modules["counter_mod"] is counter_mod)
del sys.modules["counter_mod"]
import counter_mod as fresh
print(fresh.count, fresh is counter_mod)
sys.modules["fake_module"] = "I am a string"
import fake_module
print(fake_module)
