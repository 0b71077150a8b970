/* SPDX-License-Identifier: GPL-2.0 */
/* memscope record --dir DIR: the always-on recorder (app/recd.c). */
#ifndef MS_RECD_H
#define MS_RECD_H

/* argv[0] is "record"; returns the exit status. */
int ms_recd_main(int argc, char **argv);

#endif
