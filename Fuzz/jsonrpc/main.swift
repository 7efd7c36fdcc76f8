import AccordFuzzing

fuzzMain { data, size in fuzzJSONRPC(data!, size) }
