#!/usr/bin/env python3
"""Independent reference implementation of shared/design/SCORING.md.

Written from the specification only (not from the engine's source), to cross-check
`saleswheel score --format json`. Python 3.11, standard library only.

    python3 score_reference.py RESPONSES.csv INSTRUMENT.json [--group-by a,b]
        [--min-group 5] [--phase pmf|gtm-fit|scale] [--acv lt15k|15k-50k|gt50k]

    python3 score_reference.py compare BEFORE.csv AFTER.csv INSTRUMENT.json [--group-by a,b] [--min-group 5]

Prints the JSON output contract to stdout with unrounded numbers (for `compare`, the JSON of SCORING.md
"Comparing two waves": Welch's se and df exact as fractions, t and p from the incomplete beta below). Diagnostics go to stderr;
data or instrument errors exit with status 1.

Numerics: sums, means, variances, scores, shares, gaps, alpha, weights and priorities are computed
exactly with fractions.Fraction and rounded once to a double at output, so every such number is
the correctly rounded value of its definition (priority ties are exact ties). Only the square root,
the Student t quantile and the ci95 bounds involve floating-point approximation (a few ulps).

Student t quantile: P(T > t) = I_x(df/2, 1/2) / 2, x = df/(df+t^2); the regularized incomplete beta
uses the Lentz continued fraction (in 40-digit decimal arithmetic, as double precision loses up to
1e-13 for large df) and the complete beta from math.gamma / math.lgamma; t is found by bisection to
adjacent doubles. Measured error <= ~5e-16 relative for df 1..100000 against exact formulas.
"""

import argparse
import csv
import io
import json
import math
import re
import sys
from decimal import Decimal, localcontext
from fractions import Fraction

# ---------------------------------------------------------------------------
# Student t quantile: regularized incomplete beta (Lentz continued fraction) + bisection
# ---------------------------------------------------------------------------

_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)


def _stirling_corr(z):
    """lgamma(z) - [(z-0.5)log z - z + 0.5 log(2 pi)] for z >= 10 (error < 1e-17)."""
    z2 = z * z
    return (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - (1.0 / 1680.0 - (1.0 / 1188.0
            - (691.0 / 360360.0 - (1.0 / 156.0) / z2) / z2) / z2) / z2) / z2) / z2) / z


def _lgamma_diff(a, b):
    """lgamma(a) - lgamma(a + b), accurate (no cancellation of large terms) for a >= 10."""
    if a < 10.0:
        return math.lgamma(a) - math.lgamma(a + b)
    return (-b * math.log(a) - (a + b - 0.5) * math.log1p(b / a) + b
            + _stirling_corr(a) - _stirling_corr(a + b))


def _lbeta(a, b):
    if a < b:
        a, b = b, a
    return math.lgamma(b) + _lgamma_diff(a, b)


def _beta(a, b):
    """Complete beta function B(a,b) = gamma(a) gamma(b) / gamma(a+b)."""
    if a < b:
        a, b = b, a
    if a + b <= 100.0:
        return math.gamma(a) * math.gamma(b) / math.gamma(a + b)
    return math.gamma(b) * math.exp(_lgamma_diff(a, b))


_FPMIN = Decimal("1e-300")
_CF_PREC = 40          # decimal digits for the continued fraction
_CF_EPS = Decimal("1e-32")


def _betacf(a, b, x):
    """Continued fraction for I_x(a,b) by the modified Lentz method (Numerical Recipes betacf).

    Evaluated in 40-digit decimal arithmetic: in double precision the recurrence loses up to
    ~1e-13 when df is large (x close to 1); with 40 digits the result is exact to double precision.
    x is a Decimal; a, b are floats (exact halves of integers here).
    """
    with localcontext() as ctx:
        ctx.prec = _CF_PREC
        one = Decimal(1)
        a = Decimal(a)
        b = Decimal(b)
        qab = a + b
        qap = a + 1
        qam = a - 1
        c = one
        d = one - qab * x / qap
        if abs(d) < _FPMIN:
            d = _FPMIN
        d = one / d
        h = d
        for m in range(1, 1000000):
            m2 = 2 * m
            aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = one + aa * d
            if abs(d) < _FPMIN:
                d = _FPMIN
            c = one + aa / c
            if abs(c) < _FPMIN:
                c = _FPMIN
            d = one / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = one + aa * d
            if abs(d) < _FPMIN:
                d = _FPMIN
            c = one + aa / c
            if abs(c) < _FPMIN:
                c = _FPMIN
            d = one / d
            de = d * c
            h *= de
            if abs(de - one) < _CF_EPS:
                return float(h)
    raise ArithmeticError("incomplete beta continued fraction did not converge")


def _ibeta(a, b, x, y, logx, logy):
    """Regularized incomplete beta I_x(a,b).

    x and y = 1 - x are Decimals (exact to 40 digits), logx and logy their logarithms as floats
    computed without cancellation; the prefactor x^a y^b / B(a,b) uses math.lgamma.
    """
    if x <= 0:
        return 0.0
    if y <= 0:
        return 1.0
    with localcontext() as ctx:
        ctx.prec = _CF_PREC
        power = float(x ** Decimal(a) * y ** Decimal(b))
    if power > 0.0:
        front = power / _beta(a, b)
    else:                                  # x^a y^b below the double range: use logarithms
        front = math.exp(a * logx + b * logy - _lbeta(a, b))
    if x < Decimal(a + 1.0) / Decimal(a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, y) / b


def t_upper_tail(t, df):
    """P(T > t) for Student's t with df degrees of freedom, t >= 0.

    P(T > t) = I_x(df/2, 1/2) / 2 with x = df / (df + t^2).
    """
    if t <= 0.0:
        return 0.5
    u = t * t / df
    logx = -math.log1p(u)                 # log(df / (df + t^2))
    logy = math.log(u) - math.log1p(u)    # log(t^2 / (df + t^2))
    with localcontext() as ctx:
        ctx.prec = _CF_PREC
        t2 = Decimal(t) * Decimal(t)
        x = Decimal(df) / (Decimal(df) + t2)
        y = t2 / (Decimal(df) + t2)
    return 0.5 * _ibeta(df / 2.0, 0.5, x, y, logx, logy)


_T_CACHE = {}


def t_quantile(p, df):
    """Student t quantile for p in (0.5, 1): solve P(T > t) = 1 - p by bisection to 1 ulp."""
    key = (p, df)
    if key in _T_CACHE:
        return _T_CACHE[key]
    q = 1.0 - p
    lo, hi = 0.0, 1.0
    while t_upper_tail(hi, df) > q:
        lo, hi = hi, hi * 2.0
    while True:
        mid = lo + (hi - lo) / 2.0
        if mid <= lo or mid >= hi:
            break
        if t_upper_tail(mid, df) > q:
            lo = mid
        else:
            hi = mid
    flo = abs(t_upper_tail(lo, df) - q)
    fhi = abs(t_upper_tail(hi, df) - q)
    result = lo if flo < fhi else hi
    _T_CACHE[key] = result
    return result


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------

class InputError(Exception):
    def __init__(self, messages):
        super().__init__("\n".join(messages))
        self.messages = messages


def fail(messages):
    if isinstance(messages, str):
        messages = [messages]
    raise InputError(messages)


def warn(msg):
    print("warning: " + msg, file=sys.stderr)


# ---------------------------------------------------------------------------
# Instrument
# ---------------------------------------------------------------------------

def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def load_instrument(path):
    try:
        with open(path, "r", encoding="utf-8-sig") as f:
            doc = json.load(f)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        fail(f"instrument {path}: cannot read JSON: {e}")
    if not isinstance(doc, dict):
        fail("instrument: top level must be an object")
    errors = []
    inst_id = doc.get("id")
    if not isinstance(inst_id, str) or not inst_id.strip():
        errors.append("instrument: missing id")
    scale = doc.get("scale", {"min": 1, "max": 5})
    smin = smax = None
    if not isinstance(scale, dict) or not _is_int(scale.get("min")) or not _is_int(scale.get("max")):
        errors.append("instrument: scale must have integer min and max")
    else:
        smin, smax = scale["min"], scale["max"]
        points = smax - smin + 1
        if points < 4 or points > 11:
            errors.append(f"instrument: scale {smin}..{smax} has {points} points; must be 4 to 11")
    dims_in = doc.get("dimensions")
    if not isinstance(dims_in, list) or not dims_in:
        errors.append("instrument: no dimensions")
        dims_in = []
    dims = []
    dim_ids = set()
    item_ids = set()
    for di, d in enumerate(dims_in):
        if not isinstance(d, dict):
            errors.append(f"instrument: dimension #{di + 1} is not an object")
            continue
        did = d.get("id")
        if not isinstance(did, str) or not did:
            errors.append(f"instrument: dimension #{di + 1} has no id")
            continue
        if did in dim_ids:
            errors.append(f"instrument: duplicate dimension id '{did}'")
        dim_ids.add(did)
        dname = d.get("name", did)
        if "facets" in d and "items" in d:
            errors.append(f"instrument: dimension '{did}' has both facets and items")
        if "facets" in d:
            facets_in = d["facets"]
        elif "items" in d:
            facets_in = [{"id": did, "name": dname, "items": d["items"]}]
        else:
            facets_in = []
        if not isinstance(facets_in, list):
            errors.append(f"instrument: dimension '{did}': facets must be a list")
            facets_in = []
        facets = []
        facet_ids = set()
        for fi, fc in enumerate(facets_in):
            if not isinstance(fc, dict) or not isinstance(fc.get("id"), str) or not fc.get("id"):
                errors.append(f"instrument: dimension '{did}': facet #{fi + 1} has no id")
                continue
            fid = fc["id"]
            if fid in facet_ids:
                errors.append(f"instrument: dimension '{did}': duplicate facet id '{fid}'")
            facet_ids.add(fid)
            items_in = fc.get("items")
            if not isinstance(items_in, list) or not items_in:
                errors.append(f"instrument: dimension '{did}': facet '{fid}' has no items")
                items_in = []
            items = []
            for ii, it in enumerate(items_in):
                if not isinstance(it, dict) or not isinstance(it.get("id"), str) or not it["id"].strip():
                    errors.append(f"instrument: facet '{fid}': item #{ii + 1} has no id")
                    continue
                iid = it["id"].strip()
                if iid in item_ids:
                    errors.append(f"instrument: duplicate item id '{iid}'")
                item_ids.add(iid)
                rev = it.get("reverse", False)
                if not isinstance(rev, bool):
                    errors.append(f"instrument: item '{iid}': reverse must be true or false")
                    rev = bool(rev)
                items.append({"id": iid, "reverse": rev})
            facets.append({"id": fid, "name": fc.get("name", fid), "items": items})
        if not any(f["items"] for f in facets):
            errors.append(f"instrument: dimension '{did}' is empty (no items)")
        dims.append({"id": did, "name": dname, "outcome": d.get("kind") == "outcome",
                     "facets": facets})
    if errors:
        fail(errors)
    return {"id": inst_id, "version": doc.get("version"), "min": smin, "max": smax, "dimensions": dims}


# ---------------------------------------------------------------------------
# Responses CSV
# ---------------------------------------------------------------------------

MISSING = {"", "NA", "N/A", "-"}
INT_RE = re.compile(r"[+-]?[0-9]+", re.ASCII)


def detect_delimiter(text):
    first = text.split("\n", 1)[0]
    counts = [(first.count(c), -i, c) for i, c in enumerate([",", ";", "\t"])]
    best = max(counts)
    return best[2] if best[0] > 0 else ","


def load_responses(path, instrument, group_by):
    try:
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8-sig")
    except OSError as e:
        fail(f"responses {path}: {e}")
    except UnicodeDecodeError as e:
        fail(f"responses {path}: not valid UTF-8: {e}")
    delim = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        header = next(reader)
    except StopIteration:
        fail(f"responses {path}: empty file (no header row)")
    header = [h.strip() for h in header]

    item_order = [it["id"] for d in instrument["dimensions"] for fc in d["facets"] for it in fc["items"]]
    item_index = {iid: i for i, iid in enumerate(item_order)}
    reverse = [False] * len(item_order)
    for d in instrument["dimensions"]:
        for fc in d["facets"]:
            for it in fc["items"]:
                reverse[item_index[it["id"]]] = it["reverse"]

    col_item = {}       # column index -> item index
    seen_items = {}
    for ci, h in enumerate(header):
        if h in item_index:
            if h in seen_items:
                fail(f"responses: item column '{h}' appears more than once")
            seen_items[h] = ci
            col_item[ci] = item_index[h]
    group_cols = []
    errors = []
    for g in group_by:
        idx = [ci for ci, h in enumerate(header) if h == g]
        if not idx:
            errors.append(f"--group-by: the data has no column '{g}'")
        else:
            group_cols.append((g, idx[0]))
    if errors:
        fail(errors)
    gnames = {g for g, _ in group_cols}
    other = [h for ci, h in enumerate(header) if ci not in col_item and h not in gnames]
    if other:
        warn("ignored columns: " + ", ".join(repr(h) for h in other))
    absent = [iid for iid in item_order if iid not in seen_items]
    if absent:
        warn("instrument items with no column (treated as not answered): " + ", ".join(absent))

    smin, smax = instrument["min"], instrument["max"]
    rows = []
    bad = []
    skipped = 0
    prev_line = reader.line_num
    for rec in reader:
        line = prev_line + 1          # first physical line of this record
        prev_line = reader.line_num
        values = [None] * len(item_order)
        answered = 0
        for ci, ii in col_item.items():
            cell = rec[ci] if ci < len(rec) else ""
            s = cell.strip()
            if s.upper() in MISSING:
                continue
            if INT_RE.fullmatch(s):
                v = int(s)
                if smin <= v <= smax:
                    values[ii] = (smin + smax - v) if reverse[ii] else v
                    answered += 1
                    continue
            bad.append(f"row {line}, column {header[ci]}: '{cell}' is not an integer in {smin}..{smax} "
                       f"or blank/NA/N/A/-")
        if answered == 0:
            skipped += 1
            continue
        attrs = {}
        for g, ci in group_cols:
            attrs[g] = rec[ci].strip() if ci < len(rec) else ""
        rows.append({"values": values, "attrs": attrs})
    if bad:
        msgs = bad[:50]
        if len(bad) > 50:
            msgs.append(f"... and {len(bad) - 50} more bad cells")
        fail(msgs)
    if skipped:
        warn(f"{skipped} row(s) with no answered item skipped")
    return rows, item_index


# ---------------------------------------------------------------------------
# Statistics (exact arithmetic with Fraction)
# ---------------------------------------------------------------------------

def fl(x):
    return None if x is None else float(x)


def set_stats(rows, idxs, smin, smax, full=True):
    """Statistics of a set of k items (indices idxs) over the given respondent rows."""
    k = len(idxs)
    need = (k + 1) // 2                          # ceil(k/2)
    rs = []
    fav = neu = unf = total = 0
    for row in rows:
        vals = [row["values"][i] for i in idxs]
        ans = [v for v in vals if v is not None]
        if len(ans) >= need and ans:
            rs.append(Fraction(sum(ans), len(ans)))
        if full:
            for v in ans:
                total += 1
                if v >= smax - 1:
                    fav += 1
                elif v <= smin + 1:
                    unf += 1
                else:
                    neu += 1
    n = len(rs)
    mean = sum(rs, Fraction(0)) / n if n else None
    span = smax - smin
    score = 100 * (mean - smin) / span if n else None
    out = {"n": n, "mean": mean, "score": score}
    if not full:
        return out
    ci = None
    if n >= 2:
        var = sum(((r - mean) ** 2 for r in rs), Fraction(0)) / (n - 1)
        s = math.sqrt(float(var))
        half = Fraction(t_quantile(0.975, n - 1) * s / math.sqrt(n))
        ci = {"low": float(100 * (mean - half - smin) / span),
              "high": float(100 * (mean + half - smin) / span)}
    out["ci95"] = ci
    if total:
        out["favorable"] = Fraction(fav, total)
        out["neutral"] = Fraction(neu, total)
        out["unfavorable"] = Fraction(unf, total)
    else:
        out["favorable"] = out["neutral"] = out["unfavorable"] = None
    return out


def sample_var(xs):
    n = len(xs)
    m = Fraction(sum(xs), n)
    return sum(((x - m) ** 2 for x in xs), Fraction(0)) / (n - 1)


def cronbach(rows, idxs):
    k = len(idxs)
    complete = [[row["values"][i] for i in idxs] for row in rows
                if all(row["values"][i] is not None for i in idxs)]
    an = len(complete)
    if k < 2 or an < 3:
        return None, an
    var_sum = sample_var([sum(c) for c in complete])
    if var_sum == 0:
        return None, an
    sum_var = sum((sample_var([c[j] for c in complete]) for j in range(k)), Fraction(0))
    return Fraction(k, k - 1) * (1 - sum_var / var_sum), an


# ---------------------------------------------------------------------------
# Priorities
# ---------------------------------------------------------------------------

DRIVERS = ["strategy", "structure", "operations", "enablement", "talent-management",
           "training", "capabilities", "motivation"]
PHASE = {  # pmf, gtm-fit, scale
    "strategy": (3, 3, 2), "structure": (1, 2, 3), "operations": (1, 2, 3),
    "enablement": (2, 3, 3), "talent-management": (2, 3, 3), "training": (1, 2, 3),
    "capabilities": (3, 3, 2), "motivation": (2, 2, 2)}
ACV = {  # lt15k, 15k-50k, gt50k
    "strategy": (2, 2, 3), "structure": (3, 2, 2), "operations": (3, 2, 2),
    "enablement": (2, 3, 3), "talent-management": (2, 2, 3), "training": (2, 2, 3),
    "capabilities": (2, 2, 3), "motivation": (3, 2, 2)}
PHASES = ["pmf", "gtm-fit", "scale"]
ACVS = ["lt15k", "15k-50k", "gt50k"]


def priorities(instrument, exact_scores, phase, acv):
    drivers = [d for d in instrument["dimensions"] if not d["outcome"]]
    is_wheel = len(drivers) == 8 and {d["id"] for d in drivers} == set(DRIVERS)
    levels = {}
    if is_wheel:
        for d in drivers:
            p = PHASE[d["id"]][PHASES.index(phase)] if phase in PHASES else 2
            a = ACV[d["id"]][ACVS.index(acv)] if acv in ACVS else 2
            levels[d["id"]] = (p, a)
        total = sum(p * a for p, a in levels.values())
        mean_pa = Fraction(total, 8)
    ranked = []
    for order, d in enumerate(drivers):
        score = exact_scores[d["id"]]
        if score is None:
            continue
        if is_wheel:
            p, a = levels[d["id"]]
            weight = p * a / mean_pa
        else:
            p = a = None
            weight = Fraction(1)
        prio = weight * (100 - score)
        ranked.append((-prio, order, d["id"], weight, score, prio, p, a))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [{"dimension": r[2], "rank": i + 1, "weight": float(r[3]), "score": float(r[4]),
             "priority": float(r[5]), "phaseLevel": r[6], "acvLevel": r[7]}
            for i, r in enumerate(ranked)]


# ---------------------------------------------------------------------------
# Main scoring
# ---------------------------------------------------------------------------

def suppress(members, k):
    """Which groups (value -> rows) are suppressed: n < k, then complementary suppression."""
    values = sorted(members)              # ordinal (code point) order
    n_of = {v: len(members[v]) for v in values}
    suppressed = {v: n_of[v] < k for v in values}
    while True:
        hidden = sum(n_of[v] for v in values if suppressed[v])
        if not (0 < hidden < k):
            break
        shown = [v for v in values if not suppressed[v]]
        if not shown:
            break
        smallest = min(shown, key=lambda v: (n_of[v], values.index(v)))
        suppressed[smallest] = True
    return suppressed


def score(instrument, rows, item_index, group_by, k, phase, acv):
    smin, smax = instrument["min"], instrument["max"]
    dims_out = []
    exact_scores = {}
    dim_idxs = {}
    for d in instrument["dimensions"]:
        idxs = [item_index[it["id"]] for fc in d["facets"] for it in fc["items"]]
        dim_idxs[d["id"]] = idxs
        st = set_stats(rows, idxs, smin, smax)
        exact_scores[d["id"]] = st["score"]
        alpha, alpha_n = cronbach(rows, idxs)
        flags = []
        if alpha is not None and alpha < Fraction(7, 10):
            flags.append("items-disagree")
        if st["n"] < 10:
            flags.append("few-answers")
        facets = []
        for fc in d["facets"]:
            fidx = [item_index[it["id"]] for it in fc["items"]]
            fs = set_stats(rows, fidx, smin, smax)
            facets.append({"id": fc["id"], "name": fc["name"], "n": fs["n"], "mean": fl(fs["mean"]),
                           "score": fl(fs["score"]), "ci95": fs["ci95"],
                           "favorable": fl(fs["favorable"]), "neutral": fl(fs["neutral"]),
                           "unfavorable": fl(fs["unfavorable"])})
        items = []
        for fc in d["facets"]:
            for it in fc["items"]:
                ii = item_index[it["id"]]
                ans = [row["values"][ii] for row in rows if row["values"][ii] is not None]
                n = len(ans)
                items.append({"id": it["id"], "n": n,
                              "mean": float(Fraction(sum(ans), n)) if n else None,
                              "favorable": float(Fraction(sum(1 for v in ans if v >= smax - 1), n)) if n else None})
        dims_out.append({
            "id": d["id"], "name": d["name"], "n": st["n"], "mean": fl(st["mean"]),
            "score": fl(st["score"]), "ci95": st["ci95"],
            "favorable": fl(st["favorable"]), "neutral": fl(st["neutral"]),
            "unfavorable": fl(st["unfavorable"]),
            "alpha": fl(alpha), "alphaN": alpha_n, "flags": flags,
            "facets": facets, "items": items})

    breakdowns = []
    for g in group_by:
        members = {}
        for row in rows:
            members.setdefault(row["attrs"][g], []).append(row)
        values = sorted(members)              # ordinal (code point) order
        n_of = {v: len(members[v]) for v in values}
        suppressed = suppress(members, k)
        groups = []
        shown_scores = {d["id"]: [] for d in instrument["dimensions"]}
        for v in values:
            if suppressed[v]:
                groups.append({"value": v, "n": n_of[v], "suppressed": True, "scores": None})
                continue
            scores = {}
            for d in instrument["dimensions"]:
                sc = set_stats(members[v], dim_idxs[d["id"]], smin, smax, full=False)["score"]
                scores[d["id"]] = fl(sc)
                if sc is not None:
                    shown_scores[d["id"]].append(sc)
            groups.append({"value": v, "n": n_of[v], "suppressed": False, "scores": scores})
        gaps = {did: (float(max(s) - min(s)) if len(s) >= 2 else None)
                for did, s in shown_scores.items()}
        breakdowns.append({"by": g, "groups": groups, "gaps": gaps})

    return {
        "instrument": {"id": instrument["id"], "version": instrument["version"],
                       "scale": {"min": smin, "max": smax}},
        "respondents": len(rows),
        "context": {"phase": phase, "acv": acv, "minGroupSize": k},
        "dimensions": dims_out,
        "breakdowns": breakdowns,
        "priorities": priorities(instrument, exact_scores, phase, acv),
    }


# ---------------------------------------------------------------------------
# Outcomes and key drivers (SCORING.md "Outcomes and key drivers")
# ---------------------------------------------------------------------------

Z975 = Decimal("1.959963984540054")


def _atanh(r):
    """atanh of a Decimal r in (-1, 1), in the current decimal context."""
    return ((1 + r) / (1 - r)).ln() / 2


def _tanh(z):
    e = (2 * z).exp()
    return (e - 1) / (e + 1)


def pearson(xs, ys):
    """Pearson r, Fisher-z ci95 and two-sided t p of paired exact Fractions (or floats, taken exactly).

    r, ci95, p are None when n < 4 or either variance is 0; |r| = 1 gives ci95 [r, r] and p = 0.
    The centred sums are exact fractions; r, its interval and t are computed in 40-digit decimals
    and rounded once to doubles; p from the same incomplete beta as the t quantile.
    """
    n = len(xs)
    out = {"n": n, "r": None, "ci95": None, "p": None}
    if n < 4:
        return out
    xs = [Fraction(x) for x in xs]
    ys = [Fraction(y) for y in ys]
    mx = sum(xs, Fraction(0)) / n
    my = sum(ys, Fraction(0)) / n
    cxx = sum(((x - mx) ** 2 for x in xs), Fraction(0))
    cyy = sum(((y - my) ** 2 for y in ys), Fraction(0))
    if cxx == 0 or cyy == 0:
        return out
    cxy = sum(((x - mx) * (y - my) for x, y in zip(xs, ys)), Fraction(0))
    if cxy * cxy == cxx * cyy:
        r = 1.0 if cxy > 0 else -1.0
        out.update({"r": r, "ci95": {"low": r, "high": r}, "p": 0.0})
        return out
    with localcontext() as ctx:
        ctx.prec = 40
        r = _dec(cxy) / (_dec(cxx * cyy)).sqrt()
        z = _atanh(r)
        half = Z975 / Decimal(n - 3).sqrt()
        low, high = _tanh(z - half), _tanh(z + half)
        t = abs(r) * (Decimal(n - 2) / (1 - r * r)).sqrt()
    out.update({"r": float(r), "ci95": {"low": float(low), "high": float(high)},
                "p": 2.0 * t_upper_tail(float(t), n - 2)})
    return out


def respondent_means(rows, idxs):
    """Per respondent (by position), the exact mean of the set, or None when fewer than ceil(k/2) answered."""
    need = (len(idxs) + 1) // 2
    means = []
    for row in rows:
        ans = [row["values"][i] for i in idxs if row["values"][i] is not None]
        means.append(Fraction(sum(ans), len(ans)) if ans and len(ans) >= need else None)
    return means


def key_drivers(instrument, rows, item_index):
    def idxs(d):
        return [item_index[it["id"]] for fc in d["facets"] for it in fc["items"]]
    drivers = [d for d in instrument["dimensions"] if not d["outcome"]]
    result = []
    for o in (d for d in instrument["dimensions"] if d["outcome"]):
        yo = respondent_means(rows, idxs(o))
        out = []
        for d in drivers:
            xd = respondent_means(rows, idxs(d))
            pairs = [(x, y) for x, y in zip(xd, yo) if x is not None and y is not None]
            c = pearson([x for x, _ in pairs], [y for _, y in pairs])
            out.append({"dimension": d["id"], "n": c["n"], "r": c["r"], "ci95": c["ci95"], "p": c["p"]})
        result.append({"outcome": o["id"], "drivers": out})
    return result


METRIC_MISSING = {"", "NA", "N/A", "-"}


def load_team_metrics(path):
    """A metrics CSV: column 'team' (any case) and one column per metric; returns (metrics, {team: {metric: float|None}})."""
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        fail(f"team metrics {path}: {e}")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text))
    header = [h.strip() for h in next(reader)]
    team_cols = [i for i, h in enumerate(header) if h.lower() == "team"]
    if len(team_cols) != 1:
        fail(f"team metrics {path}: needs exactly one column named team")
    tc = team_cols[0]
    metric_cols = [i for i, h in enumerate(header) if i != tc and h]
    names = [header[i] for i in metric_cols]
    if len({n.lower() for n in names}) != len(names):
        fail(f"team metrics {path}: a metric name is given twice")
    errors, table = [], {}
    prev_line = reader.line_num
    for rec in reader:
        line = prev_line + 1
        prev_line = reader.line_num
        if all(not c.strip() for c in rec):
            continue
        team = rec[tc].strip() if tc < len(rec) else ""
        if not team or team in table:
            errors.append(f"line {line}: team '{team}' missing or given twice")
            continue
        values = {}
        for i in metric_cols:
            cell = (rec[i] if i < len(rec) else "").strip()
            if cell.upper() in METRIC_MISSING:
                values[header[i]] = None
                continue
            num = cell[:-1].rstrip() if cell.endswith("%") else cell
            if "," in num and "." in num or not re.fullmatch(r"[+-]?(\d+[.,]?\d*|[.,]\d+)([eE][+-]?\d+)?", num):
                errors.append(f"line {line}, column {header[i]}: '{cell}' is not a number")
                continue
            values[header[i]] = float(num.replace(",", "."))
        table[team] = values
    if errors:
        fail(errors)
    return names, table


def team_metrics(instrument, rows, item_index, team_attr, k, metrics):
    """Per metric and driver: r of the driver's team score (shown groups of the team breakdown) against the metric."""
    names, table = metrics
    smin, smax = instrument["min"], instrument["max"]
    members = {}
    for row in rows:
        members.setdefault(row["attrs"][team_attr], []).append(row)
    suppressed = suppress(members, k)
    drivers = [d for d in instrument["dimensions"] if not d["outcome"]]
    result = []
    for m in names:
        out = []
        for d in drivers:
            idxs = [item_index[it["id"]] for fc in d["facets"] for it in fc["items"]]
            xs, ys = [], []
            for team in sorted(members):
                if suppressed[team] or team not in table or table[team].get(m) is None:
                    continue
                sc = set_stats(members[team], idxs, smin, smax, full=False)["score"]
                if sc is None:
                    continue
                xs.append(sc)
                ys.append(table[team][m])
            c = pearson(xs, ys)
            out.append({"dimension": d["id"], "teams": c["n"], "r": c["r"], "ci95": c["ci95"], "p": c["p"],
                        "flags": ["few-teams"] if c["n"] < 10 else []})
        result.append({"metric": m, "drivers": out})
    return result


# ---------------------------------------------------------------------------
# Comparing two waves (SCORING.md "Comparing two waves")
# ---------------------------------------------------------------------------

def points(rows, idxs, smin, smax):
    """The defined respondent means of a set of items, converted to 0-100, as exact fractions."""
    need = (len(idxs) + 1) // 2
    xs = []
    for row in rows:
        ans = [row["values"][i] for i in idxs if row["values"][i] is not None]
        if ans and len(ans) >= need:
            xs.append(100 * (Fraction(sum(ans), len(ans)) - smin) / (smax - smin))
    return xs


def _dec(q):
    return Decimal(q.numerator) / Decimal(q.denominator)


def welch(x1, x2):
    """change, ci95, df, p, beyondNoise of after (x2) - before (x1); both non-empty lists of Fractions."""
    n1, n2 = len(x1), len(x2)
    change = sum(x2, Fraction(0)) / n2 - sum(x1, Fraction(0)) / n1
    out = {"change": float(change), "ci95": None, "df": None, "p": None, "beyondNoise": False}
    if n1 < 2 or n2 < 2:
        return out
    v1 = sample_var(x1) / n1
    v2 = sample_var(x2) / n2
    se2 = v1 + v2
    if se2 == 0:
        out["ci95"] = {"low": float(change), "high": float(change)}
        out["beyondNoise"] = change != 0
        return out
    df = se2 * se2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    with localcontext() as ctx:
        ctx.prec = _CF_PREC
        se = _dec(se2).sqrt()
        t = abs(_dec(change) / se)
        crit = Decimal(t_quantile(0.975, float(df)))
        low = _dec(change) - crit * se
        high = _dec(change) + crit * se
    p = 2.0 * t_upper_tail(float(t), float(df))
    out.update({"ci95": {"low": float(low), "high": float(high)}, "df": float(df), "p": p, "beyondNoise": p < 0.05})
    return out


def compare(instrument, rows1, rows2, item_index, group_by, k):
    smin, smax = instrument["min"], instrument["max"]
    dims = []
    dim_idxs = {}
    for d in instrument["dimensions"]:
        idxs = [item_index[it["id"]] for fc in d["facets"] for it in fc["items"]]
        dim_idxs[d["id"]] = idxs
        x1 = points(rows1, idxs, smin, smax)
        x2 = points(rows2, idxs, smin, smax)
        s1 = sum(x1, Fraction(0)) / len(x1) if x1 else None
        s2 = sum(x2, Fraction(0)) / len(x2) if x2 else None
        entry = {"id": d["id"], "before": {"n": len(x1), "score": fl(s1)}, "after": {"n": len(x2), "score": fl(s2)}}
        if x1 and x2:
            entry.update(welch(x1, x2))
        else:
            entry.update({"change": None, "ci95": None, "df": None, "p": None, "beyondNoise": False})
        facets = []
        for fc in d["facets"]:
            fidx = [item_index[it["id"]] for it in fc["items"]]
            f1 = points(rows1, fidx, smin, smax)
            f2 = points(rows2, fidx, smin, smax)
            change = (sum(f2, Fraction(0)) / len(f2) - sum(f1, Fraction(0)) / len(f1)) if f1 and f2 else None
            facets.append({"id": fc["id"], "change": fl(change)})
        items = []
        for fc in d["facets"]:
            for it in fc["items"]:
                ii = item_index[it["id"]]
                a1 = [row["values"][ii] for row in rows1 if row["values"][ii] is not None]
                a2 = [row["values"][ii] for row in rows2 if row["values"][ii] is not None]
                change = 100 * (Fraction(sum(a2), len(a2)) - Fraction(sum(a1), len(a1))) / (smax - smin) if a1 and a2 else None
                items.append({"id": it["id"], "change": fl(change)})
        entry["facets"] = facets
        entry["items"] = items
        dims.append(entry)

    breakdowns = []
    for g in group_by:
        members1, members2 = {}, {}
        for row in rows1:
            members1.setdefault(row["attrs"][g], []).append(row)
        for row in rows2:
            members2.setdefault(row["attrs"][g], []).append(row)
        hidden1 = suppress(members1, k)
        hidden2 = suppress(members2, k)
        groups = []
        for v in sorted(set(members1) | set(members2)):
            if v not in members1 or v not in members2 or hidden1[v] or hidden2[v]:
                groups.append({"value": v, "changes": None})
                continue
            changes = {}
            for d in instrument["dimensions"]:
                x1 = points(members1[v], dim_idxs[d["id"]], smin, smax)
                x2 = points(members2[v], dim_idxs[d["id"]], smin, smax)
                changes[d["id"]] = welch(x1, x2) if x1 and x2 else None
            groups.append({"value": v, "changes": changes})
        breakdowns.append({"by": g, "groups": groups})

    return {
        "instrument": {"id": instrument["id"], "version": instrument["version"],
                       "scale": {"min": smin, "max": smax}},
        "before": {"respondents": len(rows1)},
        "after": {"respondents": len(rows2)},
        "dimensions": dims,
        "breakdowns": breakdowns,
    }


def compare_main(argv):
    ap = argparse.ArgumentParser(description="Compare two waves (SCORING.md 'Comparing two waves').")
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("instrument")
    ap.add_argument("--group-by", default="")
    ap.add_argument("--min-group", type=int, default=5)
    args = ap.parse_args(argv)
    try:
        if args.min_group < 3:
            fail(f"--min-group {args.min_group}: the minimum group size is never below 3")
        group_by = [g.strip() for g in args.group_by.split(",") if g.strip()]
        instrument = load_instrument(args.instrument)
        rows1, item_index = load_responses(args.before, instrument, group_by)
        rows2, _ = load_responses(args.after, instrument, group_by)
        result = compare(instrument, rows1, rows2, item_index, group_by, args.min_group)
    except InputError as e:
        for m in e.messages:
            print("error: " + m, file=sys.stderr)
        return 1
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("responses")
    ap.add_argument("instrument")
    ap.add_argument("--group-by", default="")
    ap.add_argument("--min-group", type=int, default=5)
    ap.add_argument("--phase", default=None)
    ap.add_argument("--acv", default=None)
    ap.add_argument("--team-metrics", default=None)
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "compare":
        return compare_main(argv[1:])
    args = ap.parse_args(argv)
    try:
        if args.min_group < 3:
            fail(f"--min-group {args.min_group}: the minimum group size is never below 3")
        group_by = [g.strip() for g in args.group_by.split(",") if g.strip()]
        instrument = load_instrument(args.instrument)
        metrics = load_team_metrics(args.team_metrics) if args.team_metrics else None
        team_attr = None
        load_by = group_by
        if metrics is not None:
            with open(args.responses, "rb") as f:
                first = f.readline().decode("utf-8-sig")
            header = [h.strip() for h in next(csv.reader([first], delimiter=detect_delimiter(first)))]
            named = [h for h in header if h.lower() == "team"]
            if not named:
                fail("--team-metrics: the answers have no team column")
            team_attr = named[0]
            load_by = group_by if team_attr in group_by else group_by + [team_attr]
        rows, item_index = load_responses(args.responses, instrument, load_by)
        result = score(instrument, rows, item_index, group_by, args.min_group, args.phase, args.acv)
        kd = key_drivers(instrument, rows, item_index)
        if kd:
            result["keyDrivers"] = kd
        if metrics is not None:
            result["teamMetrics"] = team_metrics(instrument, rows, item_index, team_attr, args.min_group, metrics)
    except InputError as e:
        for m in e.messages:
            print("error: " + m, file=sys.stderr)
        return 1
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
