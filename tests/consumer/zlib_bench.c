/* zlib_bench.c - a third-party library measured from a project of its own: zlib's compress2 and
 * uncompress on a deterministic text-like buffer, with the compression ratio as a custom metric
 * (higher is better) and the round trip as a correctness check.
 *
 * -DZBENCH_SLOWER=1 (CMake option ZBENCH_SLOWER) compresses 11 chunks per iteration instead of
 * 10: exactly 10% more work, which the instruction gate must call a regression. */
#include <benchgate/benchgate.h>
#include <string.h>
#include <zlib.h>

#define CHUNK 16384
#ifdef ZBENCH_SLOWER
#define CHUNKS 11
#else
#define CHUNKS 10
#endif

/* Words from a small vocabulary, picked by a fixed generator: compressible like prose. */
static void fill_text(unsigned char *buf, size_t n, uint64_t seed) {
    static const char *const words[] = {"bench ",    "gate ",  "noise ",  "median ", "regression ",
                                        "baseline ", "cache ", "sample ", "zlib ",   "ratio "};
    size_t at = 0;
    while (at < n) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        const char *w = words[(seed >> 33) % 10];
        for (const char *p = w; *p && at < n; p++)
            buf[at++] = (unsigned char)*p;
    }
}

static void compress_chunks(bg_state *s) {
    int level = (int)bg_axis_int(s, "level");
    unsigned char *in = bg_alloc(s, CHUNK);
    uLongf bound = compressBound(CHUNK);
    unsigned char *out = bg_alloc(s, bound), *back = bg_alloc(s, CHUNK);
    fill_text(in, CHUNK, bg_seed(s));
    uLongf packed = bound;
    bg_set_bytes_per_iter(s, (double)CHUNKS * CHUNK);
    BG_LOOP(s) {
        for (int c = 0; c < CHUNKS; c++) {
            packed = bound;
            if (compress2(out, &packed, in, CHUNK, level) != Z_OK)
                bg_fail(s, "compress2 failed at level %d", level);
        }
        bg_do_not_optimize(out);
    }
    uLongf unpacked = CHUNK;
    int ok = uncompress(back, &unpacked, out, packed) == Z_OK && unpacked == CHUNK &&
             memcmp(in, back, CHUNK) == 0;
    bg_report_error(s, "roundtrip_mismatch", ok ? 0.0 : 1.0, 0.0);
    bg_report_metric(s, "compression_ratio", "ratio", (double)CHUNK / (double)packed,
                     BG_HIGHER_IS_BETTER);
}
BG_BENCHMARK(compress_chunks, .axes = "level=1,6");
