import AccordFuzzing

fuzzMain { data, size in fuzzConfig(data!, size) }
