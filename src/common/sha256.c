/* sha256.c - the SHA-256 of a file (OpenSSL EVP), for datasets, the result cache and fetch. */
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/common.h"

static void to_hex(const unsigned char *md, unsigned len, char hex[65]) {
    static const char digits[] = "0123456789abcdef";
    for (unsigned i = 0; i < len && i < 32; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[64] = '\0';
}

/* Feeds fd to ctx; @return 0, or the errno of a failed read. */
static int digest_fd(EVP_MD_CTX *ctx, int fd) {
    unsigned char buf[65536];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        if (n == 0)
            return 0;
        if (EVP_DigestUpdate(ctx, buf, (size_t)n) != 1)
            return EIO;
    }
}

bg_err bg__sha256_file(const char *path, char hex[65], bg__error *err) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    BG_RETURN_IF(fd < 0, err, BG_EIO, "%s: cannot open: %s", path, strerror(errno));
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    int bad = ctx == NULL ? ENOMEM : 0;
    if (!bad && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
        bad = EIO;
    if (!bad)
        bad = digest_fd(ctx, fd);
    if (!bad && (EVP_DigestFinal_ex(ctx, md, &len) != 1 || len != 32))
        bad = EIO;
    EVP_MD_CTX_free(ctx);
    close(fd);
    BG_RETURN_IF(bad, err, BG_EIO, "%s: cannot hash: %s", path, strerror(bad));
    to_hex(md, len, hex);
    return BG_OK;
}
