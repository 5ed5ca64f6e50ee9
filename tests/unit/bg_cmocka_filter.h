/* bg_cmocka_filter.h - force-included into every unit test: BG_TEST_FILTER selects one case, so
 * CTest runs (and reports) each cmocka case as its own test. */
#ifndef BG_CMOCKA_FILTER_H
#define BG_CMOCKA_FILTER_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

__attribute__((constructor)) static void bg_cmocka_filter(void) {
    const char *filter = getenv("BG_TEST_FILTER");
    if (filter && filter[0])
        cmocka_set_test_filter(filter);
}

#endif /* BG_CMOCKA_FILTER_H */
