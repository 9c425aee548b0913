/* help.h - 'ndr SUB --help': each subcommand's page, its option lines
 * drawn from the option table (options.h), so a page cannot name an option
 * the tool does not have or show one with another argument. */
#ifndef CLI_HELP_H
#define CLI_HELP_H

#include <stdio.h>

/* Writes the help page of a CLI_* subcommand to out. */
void cli_help_write(unsigned command, FILE *out);

#endif
