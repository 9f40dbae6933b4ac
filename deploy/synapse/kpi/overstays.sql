-- Overstays: discharged stays longer than twice the typical stay of the department that discharged the patient.
-- Typical stays (hours) as in the domain notes: Emergency 6, Surgery 48, ICU 72, Pediatrics 36, Maternity 48,
-- Oncology 96, Cardiology 60. Patients still admitted are not listed (their length is not known yet).
SELECT
    f.stay_key,
    f.hospital_id,
    f.current_department AS department,
    f.admission_time,
    f.discharge_time,
    f.length_of_stay_hours,
    t.typical_stay_hours,
    f.length_of_stay_hours / t.typical_stay_hours AS stay_ratio
FROM gold.fact_admission AS f
JOIN (VALUES
        ('Emergency', 6.0),
        ('Surgery', 48.0),
        ('ICU', 72.0),
        ('Pediatrics', 36.0),
        ('Maternity', 48.0),
        ('Oncology', 96.0),
        ('Cardiology', 60.0)
    ) AS t (department, typical_stay_hours) ON t.department = f.current_department
WHERE f.end_reason = 'discharge'
  AND f.length_of_stay_hours > 2 * t.typical_stay_hours
