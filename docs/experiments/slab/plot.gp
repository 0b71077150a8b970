# memscope experiment slab: gnuplot plot.gp (in this directory)
set terminal pngcairo size 900,520 font ',10'
set datafile separator ','
# NaN: filtered rows; lines go on across them
set datafile missing NaN
set datafile columnheaders
set termoption noenhanced
set key below
set grid
set logscale x 2
set xlabel 'object size (bytes)'
set output 'slab-ops.png'
set title 'Allocations per second, 10000 objects per run (median, min-max over runs)'
set ylabel 'allocations/s'
set logscale y
plot 'slab-summary.csv' using 1:($3 == 10000 && strcol(4) eq 'kmem_cache' && strcol(5) eq 'alloc' ? $7 : NaN):8:9 with yerrorlines title 'kmem_cache', 'slab-summary.csv' using 1:($3 == 10000 && strcol(4) eq 'kmalloc' && strcol(5) eq 'alloc' ? $7 : NaN):8:9 with yerrorlines title 'kmalloc'
set output 'slab-p99.png'
set title 'p99 latency of one call, 10000 objects per run (median, min-max over runs)'
set ylabel 'ns'
plot 'slab-summary.csv' using 1:($3 == 10000 && strcol(4) eq 'kmem_cache' && strcol(5) eq 'alloc' ? $14 : NaN):15:16 with yerrorlines title 'kmem_cache alloc', 'slab-summary.csv' using 1:($3 == 10000 && strcol(4) eq 'kmem_cache' && strcol(5) eq 'free' ? $14 : NaN):15:16 with yerrorlines title 'kmem_cache free', 'slab-summary.csv' using 1:($3 == 10000 && strcol(4) eq 'kmalloc' && strcol(5) eq 'alloc' ? $14 : NaN):15:16 with yerrorlines title 'kmalloc alloc', 'slab-summary.csv' using 1:($3 == 10000 && strcol(4) eq 'kmalloc' && strcol(5) eq 'free' ? $14 : NaN):15:16 with yerrorlines title 'kmalloc free'
unset logscale x
unset logscale y
