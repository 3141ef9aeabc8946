# A template that fails (test_plot: gnuplot failing -> one line, exit 1).
set terminal dumb
set output outfile
plot no_such_variable_compare
