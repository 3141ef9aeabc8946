# gantt.gp - the schedule of one run: one row per device slot, one box per
# task (coloured by kind, named when there is room), the transfers into a
# task's memory as thin grey bars under its row.  `pelsim run S --gantt F`
# uses it; by hand:
#
#   gnuplot -e "taskfile='tasks.dat'; rowfile='rows.dat'; nkinds=1; \
#               nrows=3; outfile='g.pdf'" plots/gantt.gp
#
# Parameters (gnuplot -e "name=value; ..." before the script):
#   rowfile    one line per row, top to bottom:  row "label"  (row = 0, 1, ...)
#   taskfile   one block per task kind, blocks apart by two blank lines; the
#              first line of a block is the kind's name (quoted), then
#              rows  row start end "label"  (label "" for none)
#   nkinds     number of blocks of taskfile
#   nrows      number of rows
#   xferfile   rows  row start end lane  of the transfers into the memory of
#              the task on that row ('' or absent: none); transfers that
#              overlap in time go to different lanes (0 to 3) under the row
#   tmax       right end of the time axis (default: autoscale)
#   title      a title over the chart (default none)
#   outfile, fmt ('pdf', 'png', 'svg'): see style.gp; the height grows
#              with the rows unless given

if (!exists("nrows")) nrows = 1
if (!exists("width")) width = 6.5
if (!exists("height")) {
	height = 1.3 + 0.3 * nrows
	height = height < 2.6 ? 2.6 : (height > 9.5 ? 9.5 : height)
}

_s = ARG0; _p = 0
do for [_i = 1:strlen(_s)] { if (_s[_i:_i] eq '/') { _p = _i } }
load (_p ? _s[1:_p] : '') . 'style.gp'

if (!exists("nkinds")) nkinds = 1
if (!exists("xferfile")) xferfile = ''
if (!exists("title")) title = ''

set title title
set xlabel 'time (s)'
if (exists("tmax")) {
	set xrange [0:tmax]
	# at most five steps of 1, 2 or 5 x 10^k: labels of long runs stay apart
	_e = floor(log10(tmax / 5.0)); _b = 10.0 ** _e; _r = tmax / 5.0 / _b
	set xtics 0, (_r <= 1 ? 1 : _r <= 2 ? 2 : _r <= 5 ? 5 : 10) * _b
} else {
	set xrange [0:*]
}
set yrange [nrows - 0.5:-0.5]
set ytics scale 0
if (nrows > 24) { set ytics font sprintf(',%g', fontsize * 24.0 / nrows < 6 ? 6 : fontsize * 24.0 / nrows) }
set grid xtics noytics
set border 3
set key outside right top vertical reverse Left samplen 1.5 spacing 1.2 width 1
set style fill solid 0.55 border

_h = 0.32        # half height of a task box
_xh = 0.025      # half height of a transfer bar
_xy = _h + 0.065  # the first lane, just under the box; then one every _xl
_xl = 0.07

_plot = "plot rowfile using (0):1:(''):ytic(2) with labels notitle, "
_plot = _plot . "for [i = 0:nkinds - 1] taskfile index i using (($2 + $3) / 2):1:(($3 - $2) / 2):(_h) with boxxyerror lt (i + 1) lw 0.5 dt solid title columnheader(1)"
if (xferfile ne '') {
	_plot = _plot . ", xferfile using (($2 + $3) / 2):($1 + _xy + _xl * $4):(($3 - $2) / 2):(_xh) with boxxyerror fs solid 1.0 noborder lc rgb '#555555' title 'transfer'"
}
_plot = _plot . ", for [i = 0:nkinds - 1] taskfile index i using (($2 + $3) / 2):1:4 with labels font sprintf(',%g', fontsize - 2) tc rgb '#111111' notitle"
eval _plot
