/* default_main.c - benchgate::main: every bench executable gets the run flags. */
#include "benchgate/benchgate.h"

int main(int argc, char **argv) {
    return bg_main(argc, argv);
}
