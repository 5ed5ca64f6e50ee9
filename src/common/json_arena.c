/* json_arena.c - faster reads of large JSON documents: while a document is parsed, cJSON's
 * allocations come from one arena (a few large blocks, each allocation a pointer bump), and
 * the arena's blocks are given back when the last allocation of that document is freed.
 * Parsing a 30 MB result.json is two allocations per value; malloc and free of each were a
 * third of compare's time at 10,000 benchmarks (docs/reporting.md, "At scale").
 *
 * cJSON has one set of allocation hooks per process, so this is opt-in for the whole process
 * (bg_json_use_arenas, which the benchgate tool calls first thing): every block cJSON hands
 * out then carries a one-pointer header naming its arena (or none), and cJSON_free / cJSON_Delete
 * are the only ways to release it. Freed pieces are counted, not reused: an arena lives until
 * all of its document is gone, which is how every reader here uses a document. */
#include <cjson/cJSON.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "benchgate/results.h"
#include "common/common.h"

/* cJSON allocates nodes (pointers, a double, an int), strings and print buffers: none needs
 * more than a pointer's or a double's alignment, so pieces are 8-byte aligned, not malloc's 16
 * (a node of 64 bytes and its header take 72, not 80; "median" 16, not 32). */
#define ALIGN (_Alignof(double) > _Alignof(void *) ? _Alignof(double) : _Alignof(void *))
enum { BLOCK_BYTES = 4 << 20, HUGE_PAGE = 2 << 20 };

typedef struct block {
    struct block *next;
    size_t used, size;
    max_align_t data[];
} block;

struct bg__json_arena {
    atomic_size_t live; /* allocations not yet freed, plus one while the parse runs */
    block *blocks;
};

/** What precedes every allocation cJSON gets: its arena, or NULL for a plain malloc (one
 *  pointer: what follows keeps ALIGN). */
typedef struct header {
    struct bg__json_arena *arena;
} header;
_Static_assert(sizeof(header) % ALIGN == 0, "a piece after its header keeps ALIGN");

static _Thread_local struct bg__json_arena *current;
static atomic_int installed;
static atomic_size_t live_blocks;

/* A block for at least n bytes: BLOCK_BYTES on huge-page boundaries, which the kernel may back
 * with 2 MiB pages (one page fault where there were 512), or a block of its own. */
static block *new_block(size_t n) {
    block *b;
    if (n > BLOCK_BYTES - sizeof *b) {
        b = malloc(sizeof *b + n);
        if (b)
            b->size = n;
    } else {
        b = aligned_alloc(HUGE_PAGE, BLOCK_BYTES);
        if (b) {
            b->size = BLOCK_BYTES - sizeof *b;
#ifdef MADV_HUGEPAGE
            madvise(b, BLOCK_BYTES, MADV_HUGEPAGE);
#endif
        }
    }
    if (b) {
        b->used = 0;
        atomic_fetch_add(&live_blocks, 1);
    }
    return b;
}

static void *arena_take(struct bg__json_arena *a, size_t n) {
    n = (n + ALIGN - 1) / ALIGN * ALIGN;
    block *b = a->blocks;
    if (b == NULL || b->size - b->used < n) {
        b = new_block(n);
        if (b == NULL)
            return NULL;
        b->next = a->blocks;
        a->blocks = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

static void arena_release(struct bg__json_arena *a) {
    if (atomic_fetch_sub(&a->live, 1) != 1)
        return;
    for (block *b = a->blocks, *next; b != NULL; b = next) {
        next = b->next;
        free(b);
        atomic_fetch_sub(&live_blocks, 1);
    }
    free(a);
}

static void *hook_malloc(size_t n) {
    struct bg__json_arena *a = current;
    header *h = a ? arena_take(a, sizeof *h + n) : malloc(sizeof *h + n);
    if (h == NULL)
        return NULL;
    h->arena = a;
    if (a)
        atomic_fetch_add_explicit(&a->live, 1, memory_order_relaxed);
    return h + 1;
}

static void hook_free(void *p) {
    if (p == NULL)
        return;
    header *h = (header *)p - 1;
    if (h->arena)
        arena_release(h->arena);
    else
        free(h);
}

void bg_json_use_arenas(void) {
    if (atomic_exchange(&installed, 1))
        return;
    cJSON_Hooks hooks = {hook_malloc, hook_free};
    cJSON_InitHooks(&hooks);
}

struct bg__json_arena *bg__json_arena_begin(void) {
    if (!atomic_load(&installed) || current != NULL)
        return NULL;
    struct bg__json_arena *a = calloc(1, sizeof *a);
    if (a == NULL)
        return NULL; /* plain allocations, still correct */
    atomic_init(&a->live, 1);
    return current = a;
}

void bg__json_arena_end(struct bg__json_arena *a) {
    if (a == NULL)
        return;
    current = NULL;
    arena_release(a);
}

size_t bg__json_arena_blocks(void) {
    return atomic_load(&live_blocks);
}

char *bg__json_release_text(char *printed) {
    if (printed == NULL || !atomic_load(&installed))
        return printed;
    char *copy = strdup(printed);
    cJSON_free(printed);
    return copy;
}
