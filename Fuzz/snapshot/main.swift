import AccordFuzzing

fuzzMain { data, size in fuzzSnapshot(data!, size) }
