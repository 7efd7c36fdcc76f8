// The declaration in include/CLibFuzzer.h is all this module provides; libFuzzer
// (linked by -sanitize=fuzzer) defines LLVMFuzzerRunDriver.
#include "CLibFuzzer.h"
