# An exception escaping a thread: the default threading.excepthook prints
# "Exception in thread NAME:" and the traceback on stderr; a custom hook gets
# ExceptHookArgs.
import io
import sys
import threading


def fails():
    raise ValueError("boom in thread")


# Capture the default hook's report and keep the parts that do not depend on the
# location of threading's own source: the header, this file's frames, the message.
buf = io.StringIO()
saved = sys.stderr
sys.stderr = buf
t = threading.Thread(target=fails, name="failing")
t.start()
t.join()
sys.stderr = saved
lines = buf.getvalue().splitlines()
keep = []
i = 0
while i < len(lines):
    line = lines[i]
    if line.startswith('  File "'):
        block = [line]
        i += 1
        while i < len(lines) and lines[i].startswith("    "):
            if lines[i].strip(" ^~") != "":
                block.append(lines[i])
            i += 1
        if "excepthook.py" in line:
            keep.extend(block)
        continue
    keep.append(line)
    i += 1
sys.stderr.write("\n".join(keep) + "\n")
sys.stderr.flush()
print("thread finished:", t.is_alive())

# SystemExit in a thread is silent
t = threading.Thread(target=sys.exit, args=(3,))
t.start()
t.join()
print("SystemExit ignored")

# A custom hook
got = []


def hook(args):
    got.append((args.exc_type.__name__, str(args.exc_value), args.thread.name,
                args.exc_traceback is not None))


threading.excepthook = hook
t = threading.Thread(target=fails, name="hooked")
t.start()
t.join()
print("custom hook got", got)
print("ExceptHookArgs fields", isinstance(threading.ExceptHookArgs, type))


# A hook that raises falls back to sys.excepthook
def bad_hook(args):
    raise RuntimeError("hook failed")


threading.excepthook = bad_hook
sys_hook_calls = []
sys.excepthook = lambda tp, val, tb: sys_hook_calls.append((tp.__name__, str(val)))
t = threading.Thread(target=fails)
t.start()
t.join()
print("sys.excepthook got", sys_hook_calls)
threading.excepthook = threading.__excepthook__
sys.excepthook = sys.__excepthook__
print("restored", threading.excepthook is threading.__excepthook__)
