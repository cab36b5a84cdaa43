# Reference values for shared/data/bfi.csv computed with R and the psych package.
# Run from this directory:  Rscript bfi_alpha.R [path/to/bfi.csv] > bfi_alpha_results.txt
# Scale 1..6; reverse-keyed items A1, C4, C5, E1, E2, O2, O5 are recoded to 7 - v.
# Alpha uses LISTWISE deletion per scale (complete cases of the scale's 5 items), as SCORING.md.

suppressPackageStartupMessages(library(psych))
options(digits = 17)

args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args) >= 1) args[1] else "../../../shared/data/bfi.csv"
d <- read.csv(path, na.strings = c("", "NA"), check.names = FALSE)

cat("bfi reference values (R + psych)\n")
cat("date:   ", format(Sys.time(), "%Y-%m-%d %H:%M:%S %Z"), "\n")
cat("R:      ", R.version.string, "\n")
cat("psych:  ", as.character(packageVersion("psych")), "\n")
cat("data:   ", path, " rows:", nrow(d), "\n\n")

reverse <- c("A1", "C4", "C5", "E1", "E2", "O2", "O5")
scales <- list(agreeableness = "A", conscientiousness = "C", extraversion = "E",
               neuroticism = "N", openness = "O")
f17 <- function(x) sprintf("%.17g", x)

for (nm in names(scales)) {
  items <- paste0(scales[[nm]], 1:5)
  x <- d[, items]
  for (it in intersect(items, reverse)) x[[it]] <- 7 - x[[it]]

  # listwise alpha
  cc <- x[complete.cases(x), ]
  a_psych <- psych::alpha(cc, check.keys = FALSE, warnings = FALSE)$total$raw_alpha
  k <- ncol(cc)
  a_base <- k / (k - 1) * (1 - sum(apply(cc, 2, var)) / var(rowSums(cc)))

  # respondent means: defined when at least ceil(k/2) = 3 items answered
  answered <- rowSums(!is.na(x))
  r <- rowMeans(x, na.rm = TRUE)[answered >= ceiling(k / 2)]
  n <- length(r)
  m <- mean(r)
  half <- qt(0.975, n - 1) * sd(r) / sqrt(n)

  cat(sprintf("%s (%s)\n", nm, paste(items, collapse = ",")))
  cat("  complete cases (alphaN):   ", nrow(cc), "\n")
  cat("  psych::alpha raw_alpha:    ", f17(a_psych), "\n")
  cat("  base-R formula alpha:      ", f17(a_base), "\n")
  cat("  |psych - base|:            ", f17(abs(a_psych - a_base)), "\n")
  cat("  n (>= 3 of 5 answered):    ", n, "\n")
  cat("  mean of respondent means:  ", f17(m), "\n")
  cat("  score 100*(mean-1)/5:      ", f17(100 * (m - 1) / 5), "\n")
  cat("  ci95 score low/high:       ", f17(100 * (m - half - 1) / 5), f17(100 * (m + half - 1) / 5), "\n\n")
}

cat("qt(0.975, df)\n")
for (df in c(1, 2, 5, 9, 10, 29, 100, 2799)) {
  cat(sprintf("  df = %4d  %s\n", df, f17(qt(0.975, df))))
}
cat(sprintf("  check df=1: tan(0.475*pi) = %s\n", f17(tan(0.475 * pi))))
