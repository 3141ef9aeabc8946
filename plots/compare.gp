# compare.gp - policies side by side: at each point of a sweep, one bar per
# series (a policy) for the mean of a metric, with its 95% confidence
# interval as an error bar.  By hand:
#
#   gnuplot -e "infile='compare_makespan.dat'; outfile='c.pdf'; nseries=3; \
#               xlabel='CCR'; ylabel='makespan (s)'" plots/compare.gp
#
# Parameters (gnuplot -e "name=value; ..." before the script):
#   infile     the data: a header line (quoted titles: the x label column,
#              then for each series its title and its ci95 column), then one
#              row per point:  label mean1 ci1 mean2 ci2 ...   (NaN: none;
#              label "": no tic label there)
#   nseries    number of series
#   outfile, fmt ('pdf', 'png', 'svg'), width, height: see style.gp
#   xlabel, ylabel   axis labels (with units)
#   npoints          number of rows (sets the x range; default: autoscale)
#   xrotate          1 to slant the x labels (long labels)
#   ymin             lower y bound (default 0)
#   keypos           'above' (default: outside, over the plot, in rows) or
#                    'right' (outside, one column)

_s = ARG0; _p = 0
do for [_i = 1:strlen(_s)] { if (_s[_i:_i] eq '/') { _p = _i } }
load (_p ? _s[1:_p] : '') . 'style.gp'

if (!exists("nseries")) nseries = 1
if (!exists("xlabel")) xlabel = ''
if (!exists("ylabel")) ylabel = ''
if (!exists("ymin")) ymin = 0

set xlabel xlabel
set ylabel ylabel
set yrange [ymin:*]
if (exists("npoints")) { set xrange [-0.6:npoints - 0.4] }
if (exists("xrotate") && xrotate) { set xtics rotate by 30 right }
set offsets 0, 0, graph 0.06, 0
set style data histograms
set style histogram errorbars gap 1.2 lw 1.2
set style fill solid 1.0 border rgb '#333333'
set boxwidth 0.9 relative
set errorbars lc rgb '#222222'
set grid noxtics ytics
set xtics scale 0
if (!exists("keypos")) keypos = 'above'
if (keypos eq 'right') {
	set key outside right top vertical reverse Left samplen 1.5 spacing 1.1 width -2
} else {
	set key outside top center horizontal reverse Left samplen 1.5 spacing 1.1 width 0 maxcols 4
}

plot for [i = 1:nseries] infile using (column(2 * i)):(column(2 * i + 1)):xtic(1) \
	lt i lw 0.6 dt solid fs solid 1.0 border rgb '#333333' title columnheader(2 * i)
