// Evaluates deploy/modules/access-plan.bicep at build time (bicep build-params) for BicepAccessPlanTests: the role
// assignments and ABAC conditions the deployment would make for these principals. Ids are placeholders.
using none

import { appendOnlyAudit, lakeAccessPlan, lakeFolders } from '../../../deploy/modules/access-plan.bicep'

param nobody = lakeAccessPlan('lake', '', '', '', [], [])

param analystsOnly = lakeAccessPlan('lake', '', '00000000-0000-0000-0000-0000000000a1', '', [{ hospitalId: 3, groupId: '' }], [''])

param everyone = lakeAccessPlan(
  'lake',
  '00000000-0000-0000-0000-0000000000ad',
  '00000000-0000-0000-0000-0000000000a1',
  '00000000-0000-0000-0000-0000000000au',
  [
    { hospitalId: 3, groupId: '00000000-0000-0000-0000-0000000000m3' }
    { hospitalId: 4, groupId: '00000000-0000-0000-0000-0000000000m3' }
    { hospitalId: 5, groupId: '00000000-0000-0000-0000-0000000000m5' }
  ],
  ['00000000-0000-0000-0000-0000000000i1']
)

param engineCondition = appendOnlyAudit(lakeFolders().audit)
