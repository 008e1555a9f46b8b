package dev.cordon.agent.jdbc;

import dev.cordon.agent.data.DatasetVerdict;
import java.util.List;
import java.util.Map;

/**
 * What was decided for a statement that reads governed tables, kept until its result sets are
 * read: the allowed reads (each gets an audit entry with the rows returned), the masks and the row
 * limit to apply, and the same for rules in monitor mode (audited as {@code would_redact}, never
 * applied). A prepared statement keeps its plan for every execution.
 *
 * @param reads allowed read verdicts, one per dataset
 * @param tablesByDataset the statement's tables of each dataset, by dataset id
 * @param masks masks to apply (enforce); may be empty
 * @param wouldMask masks of rules in monitor mode, for the audit only
 * @param maxRows rows after which the result set ends (enforce), -1 for none
 * @param wouldMaxRows the same for rules in monitor mode, for the audit only
 */
record StatementPlan(SqlFacts facts, List<DatasetVerdict> reads, Map<String, List<String>> tablesByDataset,
    MaskRules masks, MaskRules wouldMask, long maxRows, long wouldMaxRows) {}
