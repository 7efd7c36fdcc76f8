import AccordFuzzing

fuzzMain { data, size in fuzzSSE(data!, size) }
