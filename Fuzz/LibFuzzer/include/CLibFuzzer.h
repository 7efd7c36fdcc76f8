// libFuzzer's entry for a program with its own main (SwiftPM gives every executable one):
// runs the fuzzing loop over `callback` with libFuzzer's command-line flags.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
