#!/usr/bin/env python3
"""Call libinspex from Python through ctypes: no subprocess, no C code.

    python3 inspex_ctypes.py page.html...

prints, per page, FILE<TAB>GRADE<TAB>N (the inspection grade, or "-" when
the page reports none, and the number of statistics). The library is
found as libinspex.so.0 on the usual search path (LD_LIBRARY_PATH for an
install outside it).
"""
import ctypes
import json
import sys


class Error(ctypes.Structure):
    """inspex_error: the library's errors are values, never printed."""
    _fields_ = [("file", ctypes.c_char * 512), ("line", ctypes.c_int),
                ("column", ctypes.c_int), ("message", ctypes.c_char * 512)]


lib = ctypes.CDLL("libinspex.so.0")
# libc's free as the process sees it (CDLL(None) is the global scope), so
# that it pairs with the malloc the library got, even when an allocator
# such as a sanitizer's is preloaded.
libc = ctypes.CDLL(None)
# Declared so that pointers are not cut to a 32-bit int.
lib.inspex_rules_new.restype = ctypes.c_void_p
lib.inspex_rules_add_defaults.argtypes = [ctypes.c_void_p,
                                          ctypes.POINTER(Error)]
lib.inspex_rules_free.argtypes = [ctypes.c_void_p]
lib.inspex_process_file.restype = ctypes.c_void_p
lib.inspex_process_file.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                    ctypes.c_void_p, ctypes.POINTER(Error)]
# c_void_p, not c_char_p: the string is ours to free with free(3).
lib.inspex_result_json.restype = ctypes.c_void_p
lib.inspex_result_json.argtypes = [ctypes.c_void_p]
lib.inspex_result_free.argtypes = [ctypes.c_void_p]
libc.free.argtypes = [ctypes.c_void_p]


def facts(rules, path):
    """The inspex/1 facts of one page as a dict; raises OSError."""
    err = Error()
    res = lib.inspex_process_file(rules, path.encode(), None,
                                  ctypes.byref(err))
    if not res:
        raise OSError(f"{path}: {err.message.decode()}")
    try:
        s = lib.inspex_result_json(res)
        if not s:
            raise MemoryError
        try:
            return json.loads(ctypes.string_at(s).decode())
        finally:
            libc.free(s)
    finally:
        lib.inspex_result_free(res)


def main():
    err = Error()
    rules = lib.inspex_rules_new()
    if not rules or lib.inspex_rules_add_defaults(rules, ctypes.byref(err)):
        sys.exit(f"inspex_ctypes: rules: {err.message.decode()}")
    status = 0
    for path in sys.argv[1:]:
        try:
            doc = facts(rules, path)
        except OSError as e:
            print(f"inspex_ctypes: {e}", file=sys.stderr)
            status = 1
            continue
        grade = (doc["inspection"] or {}).get("grade") or "-"
        print(f"{path}\t{grade}\t{len(doc['statistics'])}")
    lib.inspex_rules_free(rules)
    return status


if __name__ == "__main__":
    sys.exit(main())
