/* cli_table.c - prints the tool's option table for tests/drift.sh, which
 * checks the completion and the man page against it:
 *   command NAME -s --long ...   the options of each subcommand
 *   values --OPTION V ...        the values of a keyword option */
#include "options.h"

#include <stdio.h>

int main(void)
{
    const cli_option *o;
    for (int i = 0; i < CLI_COMMANDS; i++) {
        unsigned cmd = 1u << i;
        printf("command %s", cli_command_name(cmd));
        for (size_t k = 0; (o = cli_option_at(k)) != NULL; k++) {
            if (!(o->commands & cmd))
                continue;
            if (o->short_name)
                printf(" -%c", o->short_name);
            printf(" --%s", o->name);
        }
        printf("\n");
    }
    for (size_t k = 0; (o = cli_option_at(k)) != NULL; k++) {
        if (!o->keywords)
            continue;
        printf("values --%s", o->name);
        for (const cli_keyword *v = o->keywords; v->name; v++)
            printf(" %s", v->name);
        printf("\n");
    }
    return 0;
}
