import AccordFuzzing

fuzzMain { data, size in fuzzURITemplate(data!, size) }
