/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the running kernel's BTF says about a tracepoint's or function's
 * arguments, to pick the program written for its signature.
 */
#ifndef MS_BPF_BTFARGS_H
#define MS_BPF_BTFARGS_H

#include <bpf/btf.h>
#include <stdbool.h>

/* Arguments of tracepoint tp (TP_PROTO, without the context), or -1. */
int ms_btf_tp_nargs(const struct btf *btf, const char *tp);
/* Is argument i (from 0) of tracepoint tp a pointer? false if unknown. */
bool ms_btf_tp_arg_ptr(const struct btf *btf, const char *tp, int i);
/* Does struct sname have a member named field? */
bool ms_btf_has_member(const struct btf *btf, const char *sname,
		       const char *field);

#endif
