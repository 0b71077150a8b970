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
set title 'Largest free order per zone: fill, punch, take, compact, unpin + compact'
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
plot 'frag-probe.csv' using 3:($1 == 0 ? $6 : NaN) with linespoints title '0 baseline', 'frag-probe.csv' using 3:($1 == 1 ? $6 : NaN) with linespoints title '1 fill', 'frag-probe.csv' using 3:($1 == 2 ? $6 : NaN) with linespoints title '2 fill', 'frag-probe.csv' using 3:($1 == 3 ? $6 : NaN) with linespoints title '3 fill', 'frag-probe.csv' using 3:($1 == 4 ? $6 : NaN) with linespoints title '4 fill', 'frag-probe.csv' using 3:($1 == 5 ? $6 : NaN) with linespoints title '5 fill', 'frag-probe.csv' using 3:($1 == 6 ? $6 : NaN) with linespoints title '6 fill', 'frag-probe.csv' using 3:($1 == 7 ? $6 : NaN) with linespoints title '7 fill', 'frag-probe.csv' using 3:($1 == 8 ? $6 : NaN) with linespoints title '8 punch', 'frag-probe.csv' using 3:($1 == 9 ? $6 : NaN) with linespoints title '9 take', 'frag-probe.csv' using 3:($1 == 10 ? $6 : NaN) with linespoints title '10 take', 'frag-probe.csv' using 3:($1 == 11 ? $6 : NaN) with linespoints title '11 take', 'frag-probe.csv' using 3:($1 == 12 ? $6 : NaN) with linespoints title '12 take', 'frag-probe.csv' using 3:($1 == 13 ? $6 : NaN) with linespoints title '13 take', 'frag-probe.csv' using 3:($1 == 14 ? $6 : NaN) with linespoints title '14 compact', 'frag-probe.csv' using 3:($1 == 15 ? $6 : NaN) with linespoints title '15 unpin+cmp'
set ylabel 'mean latency (us)'
set logscale y
set yrange [*:*]
set title 'mean latency'
plot 'frag-probe.csv' using 3:($1 == 0 ? $7 : NaN) with linespoints title '0 baseline', 'frag-probe.csv' using 3:($1 == 1 ? $7 : NaN) with linespoints title '1 fill', 'frag-probe.csv' using 3:($1 == 2 ? $7 : NaN) with linespoints title '2 fill', 'frag-probe.csv' using 3:($1 == 3 ? $7 : NaN) with linespoints title '3 fill', 'frag-probe.csv' using 3:($1 == 4 ? $7 : NaN) with linespoints title '4 fill', 'frag-probe.csv' using 3:($1 == 5 ? $7 : NaN) with linespoints title '5 fill', 'frag-probe.csv' using 3:($1 == 6 ? $7 : NaN) with linespoints title '6 fill', 'frag-probe.csv' using 3:($1 == 7 ? $7 : NaN) with linespoints title '7 fill', 'frag-probe.csv' using 3:($1 == 8 ? $7 : NaN) with linespoints title '8 punch', 'frag-probe.csv' using 3:($1 == 9 ? $7 : NaN) with linespoints title '9 take', 'frag-probe.csv' using 3:($1 == 10 ? $7 : NaN) with linespoints title '10 take', 'frag-probe.csv' using 3:($1 == 11 ? $7 : NaN) with linespoints title '11 take', 'frag-probe.csv' using 3:($1 == 12 ? $7 : NaN) with linespoints title '12 take', 'frag-probe.csv' using 3:($1 == 13 ? $7 : NaN) with linespoints title '13 take', 'frag-probe.csv' using 3:($1 == 14 ? $7 : NaN) with linespoints title '14 compact', 'frag-probe.csv' using 3:($1 == 15 ? $7 : NaN) with linespoints title '15 unpin+cmp'
unset multiplot
unset logscale y
unset xrange
unset yrange
set output 'frag-activity.png'
set title 'kswapd and compaction per step (deltas of /proc/vmstat)'
set xlabel 'step'
set ylabel 'pages (stalls x 1000)'
set xrange [0.5:15.5]
set yrange [0:*]
plot 'frag-vmstat.csv' using 1:($3 * 1) with linespoints title 'pages scanned by kswapd', 'frag-vmstat.csv' using 1:($11 * 1) with linespoints title 'pages scanned by compaction (migrate)', 'frag-vmstat.csv' using 1:($12 * 1) with linespoints title 'pages scanned by compaction (free)', 'frag-vmstat.csv' using 1:($8 * 1000) with linespoints title 'compaction stalls x 1000', 'frag-vmstat.csv' using 1:($6 * 1000) with linespoints title 'reclaim stalls (Normal) x 1000'
unset xrange
unset yrange
