# memscope experiment mglru: gnuplot plot.gp (in this directory)
set terminal pngcairo size 900,520 font ',10'
set datafile separator ','
# NaN: filtered rows; lines go on across them
set datafile missing NaN
set datafile columnheaders
set termoption noenhanced
set key below
set grid
set output 'mglru-latency.png'
set multiplot layout 1,2 title 'Probe workload: time per pass (sorted), MGLRU off and on'
set logscale x
set xlabel 'pass time (us)'
set ylabel 'passes (%)'
set yrange [0:100]
set title 'filescan'
plot 'mglru-latency.csv' using (strcol(1) eq 'filescan' && strcol(2) eq 'off' && $3 == 0 ? $5 : NaN):4 with lines lw 2 lc 1 dt 1 title 'off run 0', 'mglru-latency.csv' using (strcol(1) eq 'filescan' && strcol(2) eq 'on' && $3 == 0 ? $5 : NaN):4 with lines lw 2 lc 2 dt 1 title 'on run 0', 'mglru-latency.csv' using (strcol(1) eq 'filescan' && strcol(2) eq 'off' && $3 == 1 ? $5 : NaN):4 with lines lw 2 lc 1 dt 2 title 'off run 1', 'mglru-latency.csv' using (strcol(1) eq 'filescan' && strcol(2) eq 'on' && $3 == 1 ? $5 : NaN):4 with lines lw 2 lc 2 dt 2 title 'on run 1'
set title 'anon'
plot 'mglru-latency.csv' using (strcol(1) eq 'anon' && strcol(2) eq 'off' && $3 == 0 ? $5 : NaN):4 with lines lw 2 lc 1 dt 1 title 'off run 0', 'mglru-latency.csv' using (strcol(1) eq 'anon' && strcol(2) eq 'on' && $3 == 0 ? $5 : NaN):4 with lines lw 2 lc 2 dt 1 title 'on run 0', 'mglru-latency.csv' using (strcol(1) eq 'anon' && strcol(2) eq 'off' && $3 == 1 ? $5 : NaN):4 with lines lw 2 lc 1 dt 2 title 'off run 1', 'mglru-latency.csv' using (strcol(1) eq 'anon' && strcol(2) eq 'on' && $3 == 1 ? $5 : NaN):4 with lines lw 2 lc 2 dt 2 title 'on run 1'
unset multiplot
unset logscale x
unset yrange
set output 'mglru-counters.png'
set title 'Per phase: reclaimed pages, refaults and major faults'
set style data histograms
set style histogram clustered
set style fill solid 0.8 border -1
set xtics rotate by -30
set ylabel 'pages / faults'
set xlabel ''
plot 'mglru-phases.csv' using 7:xticlabels(strcol(1).' '.strcol(2).' '.strcol(4)) title 'reclaimed (pgsteal)', '' using 9 title 'refaults file', '' using 8 title 'refaults anon', '' using 10 title 'major faults'
