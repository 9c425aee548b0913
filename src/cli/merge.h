/* merge.h - ndr merge: the partials of the shards added up into the report
 * of the whole input. */
#ifndef CLI_MERGE_H
#define CLI_MERGE_H

/* ndr merge [OPTIONS] PARTIAL...; argv[0] is "merge". Returns the exit
 * code. */
int cli_merge(int argc, char **argv);

#endif
