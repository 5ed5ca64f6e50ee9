/* term_safe.c - text from a file made safe to print on a terminal: a control character in a
 * benchmark's name (an ANSI escape that recolours, moves the cursor or retitles the window) is
 * shown as \xNN instead of being obeyed. */
#include <stdio.h>
#include <string.h>

#include "benchgate/terminal.h"
#include "common/common.h"

/* The bytes of the sequence at p, when it is a control character: C0, DEL, or C1 (U+0080 to
 * U+009F, 0xc2 0x80..0x9f in UTF-8); else 0. */
static size_t control_at(const unsigned char *p, size_t n) {
    if (n == 1 && (p[0] < 0x20 || p[0] == 0x7f))
        return 1;
    if (n == 2 && p[0] == 0xc2 && p[1] <= 0x9f)
        return 2;
    return 0;
}

size_t bg__term_safe(const char *in, char *out, size_t size) {
    size_t k = 0;
    if (size == 0)
        return 0;
    for (const unsigned char *p = (const unsigned char *)(in ? in : ""); *p;) {
        size_t n = bg__utf8_sequence((const char *)p);
        size_t escaped = n == 0 ? 1 : control_at(p, n);
        size_t need = escaped ? 4 * escaped : n;
        if (k + need >= size)
            break;
        for (size_t i = 0; i < escaped; i++)
            k += (size_t)snprintf(out + k, size - k, "\\x%02x", p[i]);
        if (!escaped)
            memcpy(out + k, p, n), k += n;
        p += escaped ? escaped : n;
    }
    out[k] = '\0';
    return k;
}

size_t bg_term_safe(const char *in, char *out, size_t size) {
    return bg__term_safe(in, out, size);
}

/* ---- a value in a message ------------------------------------------------------------------ */

enum { SHOWN_BYTES = 80 }; /* of a value quoted in a message: the problem must fit beside it */

size_t bg__value_excerpt(const char *value, char *out, size_t size) {
    char head[SHOWN_BYTES + 1];
    size_t len = strlen(value), n = len > SHOWN_BYTES ? SHOWN_BYTES : len;
    while (n > 0 && n < len && ((unsigned char)value[n] & 0xc0) == 0x80)
        n--; /* never half a character */
    memcpy(head, value, n);
    head[n] = '\0';
    bg__text_escape(head, out, size); /* clean text: a message is printed and logged */
    size_t k = strlen(out);
    if (n < len && k + 4 < size)
        k += (size_t)snprintf(out + k, size - k, "...");
    return len;
}

bg_err bg__value_error(bg__error *err, bg_err code, const char *where, const char *name,
                       const char *value, const char *why) {
    char shown[4 * SHOWN_BYTES + 8];
    size_t len = bg__value_excerpt(value ? value : "", shown, sizeof shown);
    if (len <= SHOWN_BYTES) /* short: the value reads as the subject of the problem */
        return bg__set_error(err, code, "%s: %s: '%s' %s", where, name, shown, why);
    return bg__set_error(err, code, "%s: %s: the value %s: '%s' (%zu bytes)", where, name, why,
                         shown, len);
}
