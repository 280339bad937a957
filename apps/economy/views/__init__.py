"""The economy's views, one module per part: budget, outcomes, forecasts, statements."""
