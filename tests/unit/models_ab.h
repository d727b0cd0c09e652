/* models_ab.h - the two small models of the project and roadmap unit
 * tests (test_project.c and roadmap_fx.h), and their score comparison.
 * Header-only; include after cmocka.h. */
#ifndef SAMM_TEST_MODELS_AB_H
#define SAMM_TEST_MODELS_AB_H

#include <math.h>

/* Model A, in model order:
 *   [0] G-SM-1-A.1  [1] G-SM-1-A.2   activity 0 G-SM-1-A  (SM stream A)
 *   [2] G-SM-1-B.1                   activity 1 G-SM-1-B  (SM stream B)
 *   [3] D-TA-1-A.1  [4] D-TA-1-A.2   activity 2 D-TA-1-A  (TA stream A)
 *   [5] D-TA-2-A.1                   activity 3 D-TA-2-A  (TA stream A)
 *   [6] D-TA-1-B.1                   activity 4 D-TA-1-B  (TA stream B)
 *   [7] D-TA-2-B.1                   activity 5 D-TA-2-B  (TA stream B) */
static const char MODEL_A[] =
	"id,function,practice_code,practice,stream,stream_name,level,activity,question,criterion\n"
	"G-SM-1-A.1,Governance,SM,Strategy & Metrics,A,Create,1,Act SM1A,Q?,C1\n"
	"G-SM-1-A.2,Governance,SM,Strategy & Metrics,A,Create,1,Act SM1A,Q?,C2\n"
	"G-SM-1-B.1,Governance,SM,Strategy & Metrics,B,Measure,1,Act SM1B,Q?,C3\n"
	"D-TA-1-A.1,Design,TA,Threat Assessment,A,Risk,1,Act TA1A,Q?,C4\n"
	"D-TA-1-A.2,Design,TA,Threat Assessment,A,Risk,1,Act TA1A,Q?,C5\n"
	"D-TA-2-A.1,Design,TA,Threat Assessment,A,Risk,2,Act TA2A,Q?,C6\n"
	"D-TA-1-B.1,Design,TA,Threat Assessment,B,Model,1,Act TA1B,Q?,C7\n"
	"D-TA-2-B.1,Design,TA,Threat Assessment,B,Model,2,Act TA2B,Q?,C8\n";
static const char *const A_IDS[] = {
	"G-SM-1-A.1", "G-SM-1-A.2", "G-SM-1-B.1", "D-TA-1-A.1", "D-TA-1-A.2",
	"D-TA-2-A.1", "D-TA-1-B.1", "D-TA-2-B.1",
};

/* Model B: Governance has two practices, SM and EG; Design has TA.
 *   [0] G-SM-1-A.1 [1] G-SM-1-B.1 [2] G-EG-1-A.1 [3] G-EG-1-B.1
 *   [4] D-TA-1-A.1 [5] D-TA-1-A.2 [6] D-TA-2-A.1 [7] D-TA-1-B.1 */
static const char MODEL_B[] =
	"id,function,practice_code,practice,stream,stream_name,level,activity,question,criterion\n"
	"G-SM-1-A.1,Governance,SM,Strategy & Metrics,A,Create,1,Act SM1A,Q?,C1\n"
	"G-SM-1-B.1,Governance,SM,Strategy & Metrics,B,Measure,1,Act SM1B,Q?,C3\n"
	"G-EG-1-A.1,Governance,EG,Education & Guidance,A,Train,1,Act EG1A,Q?,C10\n"
	"G-EG-1-B.1,Governance,EG,Education & Guidance,B,Guide,1,Act EG1B,Q?,C11\n"
	"D-TA-1-A.1,Design,TA,Threat Assessment,A,Risk,1,Act TA1A,Q?,C4\n"
	"D-TA-1-A.2,Design,TA,Threat Assessment,A,Risk,1,Act TA1A,Q?,C5\n"
	"D-TA-2-A.1,Design,TA,Threat Assessment,A,Risk,2,Act TA2A,Q?,C6\n"
	"D-TA-1-B.1,Design,TA,Threat Assessment,B,Model,1,Act TA1B,Q?,C7\n";

#define EPS 1e-9
#define assert_score(a, b) assert_true(fabs((double)(a) - (double)(b)) < EPS)

#endif
