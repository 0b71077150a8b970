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
reset
set datafile separator whitespace
unset datafile columnheaders
set key outside right top
set size ratio -1
set xrange [-0.5:31.5]
set yrange [15.5:-0.5]
unset xtics
unset ytics
unset colorbox
set palette maxcolors 14
set cbrange [-0.5:13.5]
set palette defined (0 '#e8e8e8', 1 '#d62728', 2 '#2ca02c', 3 '#8c564b', 4 '#1f77b4', 5 '#17becf', 6 '#202020', 7 '#9467bd', 8 '#ff7f0e', 9 '#e377c2', 10 '#ffffff', 11 '#dbdb8d', 12 '#ffffff', 13 '#fdd835')
set output 'frag-map-0.png'
set title 'step 0 (baseline): node 0 DMA32, one cell a pageblock'
plot 'frag-map.dat' index 0 using 1:2:3 with image notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title 'free', NaN with boxes fs solid lc rgb '#d62728' title 'anon', NaN with boxes fs solid lc rgb '#2ca02c' title 'file', NaN with boxes fs solid lc rgb '#1f77b4' title 'slab', NaN with boxes fs solid lc rgb '#17becf' title 'page_tables', NaN with boxes fs solid lc rgb '#202020' title 'kernel', NaN with boxes fs solid lc rgb '#ff7f0e' title 'thp', NaN with boxes fs solid lc rgb '#e377c2' title 'mixed', NaN with boxes fs solid lc rgb '#fdd835' title 'free, split'
set output 'frag-map-1.png'
set title 'step 1 (fill): node 0 DMA32, one cell a pageblock'
plot 'frag-map.dat' index 1 using 1:2:3 with image notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title 'free', NaN with boxes fs solid lc rgb '#d62728' title 'anon', NaN with boxes fs solid lc rgb '#2ca02c' title 'file', NaN with boxes fs solid lc rgb '#1f77b4' title 'slab', NaN with boxes fs solid lc rgb '#17becf' title 'page_tables', NaN with boxes fs solid lc rgb '#202020' title 'kernel', NaN with boxes fs solid lc rgb '#ff7f0e' title 'thp', NaN with boxes fs solid lc rgb '#e377c2' title 'mixed', NaN with boxes fs solid lc rgb '#fdd835' title 'free, split'
set output 'frag-map-2.png'
set title 'step 2 (fill): node 0 DMA32, one cell a pageblock'
plot 'frag-map.dat' index 2 using 1:2:3 with image notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title 'free', NaN with boxes fs solid lc rgb '#d62728' title 'anon', NaN with boxes fs solid lc rgb '#2ca02c' title 'file', NaN with boxes fs solid lc rgb '#1f77b4' title 'slab', NaN with boxes fs solid lc rgb '#17becf' title 'page_tables', NaN with boxes fs solid lc rgb '#202020' title 'kernel', NaN with boxes fs solid lc rgb '#ff7f0e' title 'thp', NaN with boxes fs solid lc rgb '#e377c2' title 'mixed', NaN with boxes fs solid lc rgb '#fdd835' title 'free, split'
set output 'frag-map-3.png'
set title 'step 3 (fill): node 0 DMA32, one cell a pageblock'
plot 'frag-map.dat' index 3 using 1:2:3 with image notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title 'free', NaN with boxes fs solid lc rgb '#d62728' title 'anon', NaN with boxes fs solid lc rgb '#2ca02c' title 'file', NaN with boxes fs solid lc rgb '#1f77b4' title 'slab', NaN with boxes fs solid lc rgb '#17becf' title 'page_tables', NaN with boxes fs solid lc rgb '#202020' title 'kernel', NaN with boxes fs solid lc rgb '#ff7f0e' title 'thp', NaN with boxes fs solid lc rgb '#e377c2' title 'mixed', NaN with boxes fs solid lc rgb '#fdd835' title 'free, split'
set output 'frag-map-4.png'
set title 'step 4 (fill): node 0 DMA32, one cell a pageblock'
plot 'frag-map.dat' index 4 using 1:2:3 with image notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title 'free', NaN with boxes fs solid lc rgb '#d62728' title 'anon', NaN with boxes fs solid lc rgb '#2ca02c' title 'file', NaN with boxes fs solid lc rgb '#1f77b4' title 'slab', NaN with boxes fs solid lc rgb '#17becf' title 'page_tables', NaN with boxes fs solid lc rgb '#202020' title 'kernel', NaN with boxes fs solid lc rgb '#ff7f0e' title 'thp', NaN with boxes fs solid lc rgb '#e377c2' title 'mixed', NaN with boxes fs solid lc rgb '#fdd835' title 'free, split'
set output 'frag-map-5.png'
set title 'step 5 (fill): node 0 DMA32, one cell a pageblock'
plot 'frag-map.dat' index 5 using 1:2:3 with image notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title 'free', NaN with boxes fs solid lc rgb '#d62728' title 'anon', NaN with boxes fs solid lc rgb '#2ca02c' title 'file', NaN with boxes fs solid lc rgb '#1f77b4' title 'slab', NaN with boxes fs solid lc rgb '#17becf' title 'page_tables', NaN with boxes fs solid lc rgb '#202020' title 'kernel', NaN with boxes fs solid lc rgb '#ff7f0e' title 'thp', NaN with boxes fs solid lc rgb '#e377c2' title 'mixed', NaN with boxes fs solid lc rgb '#fdd835' title 'free, split'
set output 'frag-map-6.png'
set title 'step 6 (fill): node 0 DMA32, one cell a pageblock'
plot 'frag-map.dat' index 6 using 1:2:3 with image notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title 'free', NaN with boxes fs solid lc rgb '#d62728' title 'anon', NaN with boxes fs solid lc rgb '#2ca02c' title 'file', NaN with boxes fs solid lc rgb '#1f77b4' title 'slab', NaN with boxes fs solid lc rgb '#17becf' title 'page_tables', NaN with boxes fs solid lc rgb '#202020' title 'kernel', NaN with boxes fs solid lc rgb '#ff7f0e' title 'thp', NaN with boxes fs solid lc rgb '#e377c2' title 'mixed', NaN with boxes fs solid lc rgb '#fdd835' title 'free, split'
set output 'frag-map-7.png'
set title 'step 7 (fill): node 0 DMA32, one cell a pageblock'
plot 'frag-map.dat' index 7 using 1:2:3 with image notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title 'free', NaN with boxes fs solid lc rgb '#d62728' title 'anon', NaN with boxes fs solid lc rgb '#2ca02c' title 'file', NaN with boxes fs solid lc rgb '#1f77b4' title 'slab', NaN with boxes fs solid lc rgb '#17becf' title 'page_tables', NaN with boxes fs solid lc rgb '#202020' title 'kernel', NaN with boxes fs solid lc rgb '#ff7f0e' title 'thp', NaN with boxes fs solid lc rgb '#e377c2' title 'mixed', NaN with boxes fs solid lc rgb '#fdd835' title 'free, split'
set output 'frag-map-8.png'
set title 'step 8 (punch): node 0 DMA32, one cell a pageblock'
plot 'frag-map.dat' index 8 using 1:2:3 with image notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title 'free', NaN with boxes fs solid lc rgb '#d62728' title 'anon', NaN with boxes fs solid lc rgb '#2ca02c' title 'file', NaN with boxes fs solid lc rgb '#1f77b4' title 'slab', NaN with boxes fs solid lc rgb '#17becf' title 'page_tables', NaN with boxes fs solid lc rgb '#202020' title 'kernel', NaN with boxes fs solid lc rgb '#ff7f0e' title 'thp', NaN with boxes fs solid lc rgb '#e377c2' title 'mixed', NaN with boxes fs solid lc rgb '#fdd835' title 'free, split'
set output 'frag-map-9.png'
set title 'step 9 (take): node 0 DMA32, one cell a pageblock'
plot 'frag-map.dat' index 9 using 1:2:3 with image notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title 'free', NaN with boxes fs solid lc rgb '#d62728' title 'anon', NaN with boxes fs solid lc rgb '#2ca02c' title 'file', NaN with boxes fs solid lc rgb '#1f77b4' title 'slab', NaN with boxes fs solid lc rgb '#17becf' title 'page_tables', NaN with boxes fs solid lc rgb '#202020' title 'kernel', NaN with boxes fs solid lc rgb '#ff7f0e' title 'thp', NaN with boxes fs solid lc rgb '#e377c2' title 'mixed', NaN with boxes fs solid lc rgb '#fdd835' title 'free, split'
set output 'frag-map-10.png'
set title 'step 10 (take): node 0 DMA32, one cell a pageblock'
plot 'frag-map.dat' index 10 using 1:2:3 with image notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title 'free', NaN with boxes fs solid lc rgb '#d62728' title 'anon', NaN with boxes fs solid lc rgb '#2ca02c' title 'file', NaN with boxes fs solid lc rgb '#1f77b4' title 'slab', NaN with boxes fs solid lc rgb '#17becf' title 'page_tables', NaN with boxes fs solid lc rgb '#202020' title 'kernel', NaN with boxes fs solid lc rgb '#ff7f0e' title 'thp', NaN with boxes fs solid lc rgb '#e377c2' title 'mixed', NaN with boxes fs solid lc rgb '#fdd835' title 'free, split'
set output 'frag-map-11.png'
set title 'step 11 (take): node 0 DMA32, one cell a pageblock'
plot 'frag-map.dat' index 11 using 1:2:3 with image notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title 'free', NaN with boxes fs solid lc rgb '#d62728' title 'anon', NaN with boxes fs solid lc rgb '#2ca02c' title 'file', NaN with boxes fs solid lc rgb '#1f77b4' title 'slab', NaN with boxes fs solid lc rgb '#17becf' title 'page_tables', NaN with boxes fs solid lc rgb '#202020' title 'kernel', NaN with boxes fs solid lc rgb '#ff7f0e' title 'thp', NaN with boxes fs solid lc rgb '#e377c2' title 'mixed', NaN with boxes fs solid lc rgb '#fdd835' title 'free, split'
set output 'frag-map-12.png'
set title 'step 12 (take): node 0 DMA32, one cell a pageblock'
plot 'frag-map.dat' index 12 using 1:2:3 with image notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title 'free', NaN with boxes fs solid lc rgb '#d62728' title 'anon', NaN with boxes fs solid lc rgb '#2ca02c' title 'file', NaN with boxes fs solid lc rgb '#1f77b4' title 'slab', NaN with boxes fs solid lc rgb '#17becf' title 'page_tables', NaN with boxes fs solid lc rgb '#202020' title 'kernel', NaN with boxes fs solid lc rgb '#ff7f0e' title 'thp', NaN with boxes fs solid lc rgb '#e377c2' title 'mixed', NaN with boxes fs solid lc rgb '#fdd835' title 'free, split'
set output 'frag-map-13.png'
set title 'step 13 (take): node 0 DMA32, one cell a pageblock'
plot 'frag-map.dat' index 13 using 1:2:3 with image notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title 'free', NaN with boxes fs solid lc rgb '#d62728' title 'anon', NaN with boxes fs solid lc rgb '#2ca02c' title 'file', NaN with boxes fs solid lc rgb '#1f77b4' title 'slab', NaN with boxes fs solid lc rgb '#17becf' title 'page_tables', NaN with boxes fs solid lc rgb '#202020' title 'kernel', NaN with boxes fs solid lc rgb '#ff7f0e' title 'thp', NaN with boxes fs solid lc rgb '#e377c2' title 'mixed', NaN with boxes fs solid lc rgb '#fdd835' title 'free, split'
set output 'frag-map-14.png'
set title 'step 14 (compact): node 0 DMA32, one cell a pageblock'
plot 'frag-map.dat' index 14 using 1:2:3 with image notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title 'free', NaN with boxes fs solid lc rgb '#d62728' title 'anon', NaN with boxes fs solid lc rgb '#2ca02c' title 'file', NaN with boxes fs solid lc rgb '#1f77b4' title 'slab', NaN with boxes fs solid lc rgb '#17becf' title 'page_tables', NaN with boxes fs solid lc rgb '#202020' title 'kernel', NaN with boxes fs solid lc rgb '#ff7f0e' title 'thp', NaN with boxes fs solid lc rgb '#e377c2' title 'mixed', NaN with boxes fs solid lc rgb '#fdd835' title 'free, split'
set output 'frag-map-15.png'
set title 'step 15 (unpin+cmp): node 0 DMA32, one cell a pageblock'
plot 'frag-map.dat' index 15 using 1:2:3 with image notitle, NaN with boxes fs solid lc rgb '#e8e8e8' title 'free', NaN with boxes fs solid lc rgb '#d62728' title 'anon', NaN with boxes fs solid lc rgb '#2ca02c' title 'file', NaN with boxes fs solid lc rgb '#1f77b4' title 'slab', NaN with boxes fs solid lc rgb '#17becf' title 'page_tables', NaN with boxes fs solid lc rgb '#202020' title 'kernel', NaN with boxes fs solid lc rgb '#ff7f0e' title 'thp', NaN with boxes fs solid lc rgb '#e377c2' title 'mixed', NaN with boxes fs solid lc rgb '#fdd835' title 'free, split'
reset
set datafile separator ','
set datafile columnheaders
