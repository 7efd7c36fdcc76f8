import AccordFuzzing

fuzzMain { data, size in fuzzContract(data!, size) }
