# memscope experiment frag: gnuplot plot.gp (in this directory)
set terminal pngcairo size 900,520 font ',10'
set datafile separator ','
# NaN: filtered rows; lines go on across them
set datafile missing NaN
set datafile columnheaders
set termoption noenhanced
set key below
set grid
set output 'frag-largest.png'
set title 'Largest free order per zone while fragmenting, then compaction (last step)'
set xlabel 'step'
set ylabel 'largest free order'
set yrange [-1:11]
set y2label 'index (%)'
set y2range [0:100]
set y2tics
set ytics nomirror
plot 'frag-zones.csv' using 1:(strcol(3) eq '0' && strcol(4) eq 'DMA' ? $6 : NaN) with linespoints title 'node 0 DMA', 'frag-zones.csv' using 1:(strcol(3) eq '0' && strcol(4) eq 'DMA32' ? $6 : NaN) with linespoints title 'node 0 DMA32', 'frag-zones.csv' using 1:(strcol(3) eq '0' && strcol(4) eq 'DMA32' ? 100 * $8 : NaN) axes x1y2 with linespoints dt 2 title 'unusable index, order 9 (node 0 DMA32)', 'frag-zones.csv' using 1:(strcol(3) eq '0' && strcol(4) eq 'DMA32' ? $7 : NaN) axes x1y2 with linespoints dt 3 title 'seed fragmentation index'
unset y2tics
unset y2label
set ytics mirror
set output 'frag-probe.png'
set multiplot layout 2,1 title 'Allocation probe (memscope.ko) per order at each step'
set xlabel 'order'
set xrange [-0.5:10.5]
set ylabel 'success %'
set yrange [-5:105]
set title 'successes'
plot 'frag-probe.csv' using 3:($1 == 0 ? $6 : NaN) with linespoints title '0 baseline', 'frag-probe.csv' using 3:($1 == 1 ? $6 : NaN) with linespoints title '1 fragment', 'frag-probe.csv' using 3:($1 == 2 ? $6 : NaN) with linespoints title '2 fragment', 'frag-probe.csv' using 3:($1 == 3 ? $6 : NaN) with linespoints title '3 fragment', 'frag-probe.csv' using 3:($1 == 4 ? $6 : NaN) with linespoints title '4 fragment', 'frag-probe.csv' using 3:($1 == 5 ? $6 : NaN) with linespoints title '5 fragment', 'frag-probe.csv' using 3:($1 == 6 ? $6 : NaN) with linespoints title '6 fragment', 'frag-probe.csv' using 3:($1 == 7 ? $6 : NaN) with linespoints title '7 fragment', 'frag-probe.csv' using 3:($1 == 8 ? $6 : NaN) with linespoints title '8 fragment', 'frag-probe.csv' using 3:($1 == 9 ? $6 : NaN) with linespoints title '9 fragment', 'frag-probe.csv' using 3:($1 == 10 ? $6 : NaN) with linespoints title '10 compact'
set ylabel 'mean latency (us)'
set logscale y
set yrange [*:*]
set title 'mean latency'
plot 'frag-probe.csv' using 3:($1 == 0 ? $7 : NaN) with linespoints title '0 baseline', 'frag-probe.csv' using 3:($1 == 1 ? $7 : NaN) with linespoints title '1 fragment', 'frag-probe.csv' using 3:($1 == 2 ? $7 : NaN) with linespoints title '2 fragment', 'frag-probe.csv' using 3:($1 == 3 ? $7 : NaN) with linespoints title '3 fragment', 'frag-probe.csv' using 3:($1 == 4 ? $7 : NaN) with linespoints title '4 fragment', 'frag-probe.csv' using 3:($1 == 5 ? $7 : NaN) with linespoints title '5 fragment', 'frag-probe.csv' using 3:($1 == 6 ? $7 : NaN) with linespoints title '6 fragment', 'frag-probe.csv' using 3:($1 == 7 ? $7 : NaN) with linespoints title '7 fragment', 'frag-probe.csv' using 3:($1 == 8 ? $7 : NaN) with linespoints title '8 fragment', 'frag-probe.csv' using 3:($1 == 9 ? $7 : NaN) with linespoints title '9 fragment', 'frag-probe.csv' using 3:($1 == 10 ? $7 : NaN) with linespoints title '10 compact'
unset multiplot
unset logscale y
unset xrange
unset yrange
