// SPDX-License-Identifier: GPL-2.0
/*
 * Tracepoint signatures from the kernel's BTF (btf_trace_NAME typedefs):
 * a tracepoint whose arguments changed gets one program per signature.
 */
#include "probes/bpf/btfargs.h"

#include <stdio.h>
#include <string.h>

/* The FUNC_PROTO behind typedef btf_trace_tp: (void *, TP_PROTO...). */
static const struct btf_type *tp_proto(const struct btf *btf, const char *tp)
{
	char name[128];
	const struct btf_type *t;
	int id;

	snprintf(name, sizeof(name), "btf_trace_%s", tp);
	id = btf__find_by_name_kind(btf, name, BTF_KIND_TYPEDEF);
	if (id <= 0)
		return NULL;
	t = btf__type_by_id(btf, id);
	t = t ? btf__type_by_id(btf, t->type) : NULL; /* the pointer */
	t = t && btf_is_ptr(t) ? btf__type_by_id(btf, t->type) : NULL;
	return t && btf_is_func_proto(t) ? t : NULL;
}

int ms_btf_tp_nargs(const struct btf *btf, const char *tp)
{
	const struct btf_type *t = btf ? tp_proto(btf, tp) : NULL;

	return t && btf_vlen(t) > 0 ? btf_vlen(t) - 1 : -1;
}

bool ms_btf_tp_arg_ptr(const struct btf *btf, const char *tp, int i)
{
	const struct btf_type *t = btf ? tp_proto(btf, tp) : NULL;
	const struct btf_type *a;
	int id;

	if (!t || i < 0 || i + 1 >= btf_vlen(t))
		return false;
	/* through typedefs and qualifiers (gfp_t, const) */
	id = btf__resolve_type(btf, btf_params(t)[i + 1].type);
	a = id > 0 ? btf__type_by_id(btf, (unsigned int)id) : NULL;
	return a && btf_is_ptr(a);
}

bool ms_btf_has_member(const struct btf *btf, const char *sname,
		       const char *field)
{
	int id = btf ? btf__find_by_name_kind(btf, sname, BTF_KIND_STRUCT) : -1;
	const struct btf_type *t = id > 0 ? btf__type_by_id(btf, id) : NULL;
	const struct btf_member *m = t ? btf_members(t) : NULL;

	for (int i = 0; t && i < btf_vlen(t); i++)
		if (!strcmp(btf__name_by_offset(btf, m[i].name_off), field))
			return true;
	return false;
}
