report("injected-ran");
