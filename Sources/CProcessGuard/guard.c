#define _GNU_SOURCE
#include "CProcessGuard.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

int arsel_guard_no_core_dumps(void) {
#ifdef __linux__
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) return errno;
#endif
    struct rlimit none = {0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0) return errno;
    return 0;
}

int arsel_guard_core_dumps_off(void) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_CORE, &limit) != 0) return 0;
#ifdef __linux__
    if (prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0) return 0;
#endif
    return limit.rlim_cur == 0 && limit.rlim_max == 0;
}

// MARK: What to restore

static struct termios saved_termios;
static int saved_termios_fd = -1;
static int restore_fd = -1;
static char restore_bytes[512];
static size_t restore_length;
static atomic_int terminal_armed;

void arsel_guard_save_termios(int fd) {
    if (tcgetattr(fd, &saved_termios) == 0) saved_termios_fd = fd;
}

void arsel_guard_arm_terminal(int out_fd, const char *bytes, size_t length) {
    if (length > sizeof restore_bytes) length = sizeof restore_bytes;
    memcpy(restore_bytes, bytes, length);
    restore_length = length;
    restore_fd = out_fd;
    atomic_store(&terminal_armed, 1);
}

void arsel_guard_disarm_terminal(void) { atomic_store(&terminal_armed, 0); }

// MARK: Pending audit lines

enum { SLOTS = 64, LINE_BYTES = 4096 };
enum { FREE = 0, FILLING = 1, READY = 2 };
static struct {
    atomic_int state;
    size_t length;
    char line[LINE_BYTES];
    char path[4096];
} slots[SLOTS];

int arsel_guard_pending_add(const char *path, const char *line, size_t length) {
    if (length > LINE_BYTES || strlen(path) >= sizeof slots[0].path) return -1;
    for (int i = 0; i < SLOTS; i++) {
        int expected = FREE;
        if (atomic_compare_exchange_strong(&slots[i].state, &expected, FILLING)) {
            memcpy(slots[i].line, line, length);
            strcpy(slots[i].path, path);
            slots[i].length = length;
            atomic_store(&slots[i].state, READY);
            return i;
        }
    }
    return -1;
}

void arsel_guard_pending_remove(int slot) {
    if (slot >= 0 && slot < SLOTS) atomic_store(&slots[slot].state, FREE);
}

// MARK: The last acts

static atomic_int finished;

static void write_all(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, bytes, length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        bytes += n;
        length -= (size_t)n;
    }
}

static void write_number(int fd, int n) {
    char digits[12];
    int i = sizeof digits;
    unsigned v = n < 0 ? 0u : (unsigned)n;
    do { digits[--i] = (char)('0' + v % 10); v /= 10; } while (v > 0 && i > 0);
    write_all(fd, digits + i, sizeof digits - (size_t)i);
}

/// Restores the terminal and appends the pending lines; returns how many lines it wrote.
/// Runs once, whichever way the process ends first.
static int last_acts(void) {
    if (atomic_exchange(&finished, 1)) return 0;
    if (atomic_load(&terminal_armed)) {
        write_all(restore_fd, restore_bytes, restore_length);
        if (saved_termios_fd >= 0) tcsetattr(saved_termios_fd, TCSANOW, &saved_termios);
    }
    int written = 0;
    for (int i = 0; i < SLOTS; i++) {
        if (atomic_load(&slots[i].state) != READY) continue;
        int fd = open(slots[i].path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
        if (fd < 0) continue;
        write_all(fd, slots[i].line, slots[i].length);
        fsync(fd);
        close(fd);
        written++;
    }
    return written;
}

static void on_fatal(int sig) {
    int recorded = last_acts();
    static const char died[] = "\r\narsel-campaigns: stopped by fatal signal ";
    write_all(2, died, sizeof died - 1);
    write_number(2, sig);
    static const char restored[] = "; the terminal was restored";
    write_all(2, restored, sizeof restored - 1);
    if (recorded > 0) {
        static const char unknown[] = "; cancels in flight recorded as unknown in the audit trail: ";
        write_all(2, unknown, sizeof unknown - 1);
        write_number(2, recorded);
        static const char check[] = " (check them before retrying)";
        write_all(2, check, sizeof check - 1);
    }
    write_all(2, "\n", 1);
    // SA_RESETHAND put the default action back: dying by the same signal keeps the exit status.
    raise(sig);
}

static void at_exit(void) { last_acts(); }

void arsel_guard_install(void) {
    static char alternate[64 * 1024];
    stack_t stack = {.ss_sp = alternate, .ss_size = sizeof alternate, .ss_flags = 0};
    sigaltstack(&stack, NULL);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_fatal;
    action.sa_flags = SA_RESETHAND | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS, SIGQUIT};
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) sigaction(fatal[i], &action, NULL);
    static int registered;
    if (!registered) {
        registered = 1;
        atexit(at_exit);
    }
}
