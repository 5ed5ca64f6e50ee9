/* hash.c - FNV-1a, the one small non-cryptographic hash of the tree (page names, shard plans,
 * name sets, bootstrap seeds, the statistics memo); SHA-256 (sha256.c) where it must hold. */
#include <string.h>

#include "common/common.h"

uint64_t bg__fnv1a(uint64_t h, const void *bytes, size_t size) {
    const unsigned char *p = bytes;
    for (size_t i = 0; i < size; i++)
        h = (h ^ p[i]) * BG__FNV1A_PRIME;
    return h;
}

uint64_t bg__fnv1a_text(uint64_t h, const char *text) {
    return bg__fnv1a(h, text, strlen(text));
}
