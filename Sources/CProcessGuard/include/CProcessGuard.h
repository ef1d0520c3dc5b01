// What the process must still do when it dies in a way Swift cannot catch (a fatal error, a
// crash signal, `exit` from any thread): put the terminal back and record in-flight cancels as
// unknown. Everything the handlers need is prepared in advance, so they only call
// async-signal-safe functions (write, open, tcsetattr).
#ifndef ARSEL_CPROCESSGUARD_H
#define ARSEL_CPROCESSGUARD_H

#include <stddef.h>

/// Not dumpable (no core file, no ptrace by other users) and RLIMIT_CORE 0: a crash must not
/// write the API key to disk. Returns 0, or the errno of the step that failed.
int arsel_guard_no_core_dumps(void);
/// 1 when the process is not dumpable and its core limit is 0.
int arsel_guard_core_dumps_off(void);

/// Installs the handlers for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS and
/// SIGQUIT, and the atexit hook.
void arsel_guard_install(void);

/// Saves the termios of `fd` as it is now (before curses changes it): what a dying process puts back.
void arsel_guard_save_termios(int fd);
/// Arms the terminal restore: the saved termios, and `bytes` written to `out_fd` (what endwin
/// would send: leave the alternate screen, show the cursor, reset attributes).
void arsel_guard_arm_terminal(int out_fd, const char *bytes, size_t length);
/// The terminal was restored normally.
void arsel_guard_disarm_terminal(void);

/// A line to append to the audit file if the process dies before `arsel_guard_pending_remove`.
/// Returns its slot, or -1 when the line is too long or every slot is taken.
int arsel_guard_pending_add(const char *audit_path, const char *line, size_t length);
void arsel_guard_pending_remove(int slot);

#endif
