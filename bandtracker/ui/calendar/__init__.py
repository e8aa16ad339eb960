"""The Calendar page: months, the day panel and the year heatmap."""
