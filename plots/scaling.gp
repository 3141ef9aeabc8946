# scaling.gp - one metric against a sweep axis: one line per series (a
# policy), the 95% confidence interval of each mean as an error bar, and
# optionally an ideal curve.  `pelsim plot` uses it for makespan, speedup,
# parallel efficiency and SLR; by hand:
#
#   gnuplot -e "infile='makespan.dat'; outfile='makespan.pdf'; nseries=3; \
#               xlabel='GPUs'; ylabel='makespan (s)'; logx=1" plots/scaling.gp
#
# Parameters (gnuplot -e "name=value; ..." before the script):
#   infile     the data: one block per series, blocks apart by two blank
#              lines; the first line of a block is the series title (quoted),
#              then rows  x xplot mean ci95 lo hi ...  (xplot is x shifted a
#              little per series so that error bars do not hide each other)
#   nseries    number of blocks
#   outfile, fmt ('pdf', 'png', 'svg'), width, height: see style.gp
#   xlabel, ylabel   axis labels (with units)
#   logx, logy       1 for a logarithmic axis (default 0)
#   xmin, xmax       x range (default: autoscale)
#   ymin, ymax       y range (default: autoscale)
#   xticscmd         a `set xtics (...)` command placing tics at the sweep's
#                    values (default: gnuplot's tics)
#   yticscmd         the same for y (default: gnuplot's tics)
#   idealfile, idealtitle   x y rows of an ideal curve, drawn grey and dashed
#   keypos           'above' (default: outside, over the plot, in rows),
#                    'right' (outside, one column), or a place inside:
#                    'top left', 'bottom right', ...

_s = ARG0; _p = 0
do for [_i = 1:strlen(_s)] { if (_s[_i:_i] eq '/') { _p = _i } }
load (_p ? _s[1:_p] : '') . 'style.gp'

if (!exists("nseries")) nseries = 1
if (!exists("xlabel")) xlabel = ''
if (!exists("ylabel")) ylabel = ''
if (!exists("logx")) logx = 0
if (!exists("logy")) logy = 0
if (!exists("idealfile")) idealfile = ''
if (!exists("idealtitle")) idealtitle = 'ideal'
if (!exists("keypos")) keypos = 'above'

set xlabel xlabel
set ylabel ylabel
if (logx) { set logscale x; set mxtics default }
if (logy) { set logscale y }
if (exists("xmin") && exists("xmax")) { set xrange [xmin:xmax] }
if (exists("ymin")) { set yrange [ymin:*] }
if (exists("ymax")) { set yrange [:ymax] }
if (exists("xticscmd")) { eval xticscmd }
if (exists("yticscmd")) { eval yticscmd }
# room above and below the data so that no point sits on the frame
if (!exists("ymax")) { set offsets 0, 0, graph 0.06, graph 0.04 }
if (keypos eq 'above') {
	set key outside top center horizontal reverse Left samplen 2 spacing 1.1 width 0 maxcols 4
} else { if (keypos eq 'right') {
	set key outside right top vertical reverse Left samplen 2 spacing 1.1 width -2
} else {
	eval 'set key inside ' . keypos . ' vertical reverse Left samplen 2.5 spacing 1.1 width 1 box lc rgb "#bbbbbb" opaque'
} }

_plot = 'plot '
if (idealfile ne '') {
	_plot = _plot . "idealfile using 1:2 with lines lc rgb '#777777' lw 1.2 dt (5,4) title idealtitle, "
}
_plot = _plot . "for [i = 0:nseries - 1] infile index i using 2:3:5:6 with yerrorbars lt (i + 1) dt solid lw 1.2 pt 0 notitle, "
_plot = _plot . "for [i = 0:nseries - 1] infile index i using 2:3 with linespoints lt (i + 1) title columnheader(1)"
eval _plot
