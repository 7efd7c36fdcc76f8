import AccordFuzzing

fuzzMain { data, size in fuzzJSON(data!, size) }
