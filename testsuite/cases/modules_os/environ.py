import os
os.environ["TAIPAN_TEST_VAR"] = "value1"
print(os.environ["TAIPAN_TEST_VAR"], os.getenv("TAIPAN_TEST_VAR"), os.environ.get("TAIPAN_MISSING_VAR"), os.getenv("TAIPAN_MISSING_VAR", "dflt"))
print("TAIPAN_TEST_VAR" in os.environ)
del os.environ["TAIPAN_TEST_VAR"]
print("TAIPAN_TEST_VAR" in os.environ)
try:
    os.environ["TAIPAN_MISSING_VAR"]
except KeyError as e:
    print(type(e).__name__, e)
try:
    os.environ["X"] = 1
except TypeError as e:
    print(type(e).__name__, e)
print(type(os.environ).__name__)
