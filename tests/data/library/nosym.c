/* nosym.c - a shared object that exports no `pel_user_policy`: what
 * `pelsim run --policy-lib` must refuse with one line (test_library). */
int pel_test_not_a_policy(void);

int pel_test_not_a_policy(void)
{
	return 42;
}
