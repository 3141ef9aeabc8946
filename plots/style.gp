# style.gp - what the pelsim templates share: the terminal, the palette,
# point and dash types, axes and grid.  Loaded by scaling.gp, compare.gp
# and gantt.gp (from their own folder); not a figure by itself.
#
# Reads:  fmt      'pdf' (default: vector, pdfcairo), 'png' (pngcairo) or 'svg'
#         outfile  the file to write
#         width, height   size in inches (default 5 x 3.5: one column of a
#                         paper at 70%, or a slide); PNG gets 200 px per inch
#
# Colours: Okabe & Ito's colour-blind-safe palette (yellow last: it is pale
# on white); each line type also has its own point type and dash type, so
# the figures still read in grey.

if (!exists("fmt")) fmt = 'pdf'
if (!exists("width")) width = 5.0
if (!exists("height")) height = 3.5
if (!exists("fontsize")) fontsize = 11
_ps = 1.0    # scales the point sizes below: cairo's PDF draws them larger

set encoding utf8
_font = sprintf('Helvetica,%g', fontsize)
if (fmt eq 'pdf') {
	# cairo's PDF halves fonts unless told otherwise
	set terminal pdfcairo noenhanced color solid rounded font _font fontscale 1.0 size width, height linewidth 1.6
	_ps = 0.75
} else {
	if (fmt eq 'png') {
		# the look of the PDF at 200 pixels per inch: fonts scaled from
		# cairo's 72 dpi, lines and points matched by eye
		set terminal pngcairo noenhanced color solid rounded font _font size width*200, height*200 fontscale 200.0/72 linewidth 200.0/72/1.1 pointscale 200.0/72*0.85
	} else {
		if (fmt eq 'svg') {
			# 96 px per inch, fonts and lines as in the PDF
			set terminal svg noenhanced solid rounded font sprintf('Helvetica,%g', fontsize * 96.0 / 72) size width*96, height*96 dynamic background rgb 'white' linewidth 0.8
			_ps = 0.75
		} else {
			print sprintf("style.gp: fmt: expected pdf, png or svg, found '%s'", fmt)
			exit status 2
		}
	}
}
set output outfile

# Okabe-Ito: blue, vermillion, bluish green, reddish purple, orange, sky
# blue, black, yellow
set linetype 1 lc rgb '#0072B2' lw 2 pt 7  ps _ps*1.1 dt solid
set linetype 2 lc rgb '#D55E00' lw 2 pt 5  ps _ps*1.0 dt (8,4)
set linetype 3 lc rgb '#009E73' lw 2 pt 9  ps _ps*1.3 dt (2,3)
set linetype 4 lc rgb '#CC79A7' lw 2 pt 13 ps _ps*1.3 dt (8,3,2,3)
set linetype 5 lc rgb '#E69F00' lw 2 pt 11 ps _ps*1.3 dt (14,4)
set linetype 6 lc rgb '#56B4E9' lw 2 pt 6  ps _ps*1.1 dt (4,3)
set linetype 7 lc rgb '#000000' lw 2 pt 4  ps _ps*1.1 dt (8,3,2,3,2,3)
set linetype 8 lc rgb '#F0E442' lw 2 pt 8  ps _ps*1.2 dt (1,2)
set linetype cycle 8

set border 3 lw 1 lc rgb '#333333'
set tics nomirror out scale 0.6 textcolor rgb '#222222'
set style line 100 lc rgb '#dedede' lw 0.7 dt solid
set grid xtics ytics back ls 100, ls 100
set key noautotitle
