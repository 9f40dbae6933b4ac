-- Overstay rate per department: discharges, those longer than twice the department's typical stay, and their share.
-- Same typical stays as kpi.overstays.
SELECT
    t.department,
    t.typical_stay_hours,
    COUNT(f.stay_key) AS discharges,
    SUM(CASE WHEN f.length_of_stay_hours > 2 * t.typical_stay_hours THEN 1 ELSE 0 END) AS overstays,
    1.0 * SUM(CASE WHEN f.length_of_stay_hours > 2 * t.typical_stay_hours THEN 1 ELSE 0 END) / NULLIF(COUNT(f.stay_key), 0) AS overstay_share
FROM (VALUES
        ('Emergency', 6.0),
        ('Surgery', 48.0),
        ('ICU', 72.0),
        ('Pediatrics', 36.0),
        ('Maternity', 48.0),
        ('Oncology', 96.0),
        ('Cardiology', 60.0)
    ) AS t (department, typical_stay_hours)
LEFT JOIN gold.fact_admission AS f
    ON f.current_department = t.department
   AND f.end_reason = 'discharge'
   AND f.length_of_stay_hours IS NOT NULL
GROUP BY t.department, t.typical_stay_hours
